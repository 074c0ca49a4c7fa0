"""Data fetching and mutations. Every resolver asks the request's `Access` (policies/decision.py)
first, loads through the request's tenant-bound loaders, then maps rows to schema types."""
