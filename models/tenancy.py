"""Tenants, their staff, login sessions and the stored Casbin policy lines."""

from tortoise import fields
from tortoise.models import Model


class Tenant(Model):
    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)
    # Bumped in the transaction of every change (policies/versions.py, and database triggers for
    # any writer): workers compare them on each request with what they hold in memory.
    policy_version = fields.BigIntField(default=0)  # policy_rule rows of the tenant
    credential_version = fields.BigIntField(default=0)  # sessions, tokens, users revoked or disabled

    class Meta:
        table = "tenant"

    @property
    def domain(self) -> str:
        return f"tenant:{self.id}"


class User(Model):
    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name="users", on_delete=fields.CASCADE)
    email = fields.CharField(max_length=254)
    password_hash = fields.CharField(max_length=200)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "app_user"
        unique_together = (("tenant", "email"),)

    @property
    def subject(self) -> str:
        return f"user:{self.id}"


class Session(Model):
    """A login session. The bearer token itself is never stored: only its HMAC-SHA256 under the
    server secret, so a database leak yields no usable tokens and a lookup is one indexed equality."""

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name="sessions", on_delete=fields.CASCADE)
    user = fields.ForeignKeyField("models.User", related_name="sessions", on_delete=fields.CASCADE)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "session"


class PolicyRule(Model):
    """One Casbin policy line (`p`, `g`, `g2`, ...) stored in the database: role assignments of users
    and per-tenant rules. The built-in rules live in `policies/policy.csv`."""

    id = fields.IntField(primary_key=True)
    tenant = fields.ForeignKeyField("models.Tenant", related_name="policy_rules", null=True,
                                    on_delete=fields.CASCADE)
    ptype = fields.CharField(max_length=8)
    v0 = fields.CharField(max_length=128, default="")
    v1 = fields.CharField(max_length=128, default="")
    v2 = fields.CharField(max_length=128, default="")
    v3 = fields.CharField(max_length=128, default="")
    v4 = fields.CharField(max_length=128, default="")
    v5 = fields.CharField(max_length=128, default="")

    class Meta:
        table = "policy_rule"
        indexes = (("tenant", "ptype"),)

    def as_line(self) -> list[str]:
        values = [self.v0, self.v1, self.v2, self.v3, self.v4, self.v5]
        while values and values[-1] == "":
            values.pop()
        return [self.ptype, *values]


class LoginCounter(Model):
    """Failed logins per key (account or address) and fixed window, counted in the database so
    that every worker and host shares one atomic count (auth/login_limits.py)."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=80)
    window_start = fields.BigIntField()  # Unix seconds, a multiple of the window's length
    hits = fields.IntField(default=0)

    class Meta:
        table = "login_counter"
        unique_together = (("key", "window_start"),)
        indexes = (("window_start",),)
