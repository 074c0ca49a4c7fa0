"""Authentication: argon2id passwords, login sessions, bearer-token resolution."""
