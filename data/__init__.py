"""The data layer: what the resolvers, rights, audit and importer read and write, derived from the
field catalog (models/personal.py) and decided through the request's `Access`. No GraphQL here."""
