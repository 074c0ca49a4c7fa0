from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    # Hand-written: a database made by generate_schemas() may have the columns already (SQLite has
    # no ADD COLUMN IF NOT EXISTS).
    _, rows = await db.execute_query('PRAGMA table_info("tenant")')
    present = {row["name"] for row in rows}
    columns = "".join(f'ALTER TABLE "tenant" ADD "{name}" BIGINT NOT NULL DEFAULT 0;\n'
                      for name in ("policy_version", "credential_version") if name not in present)
    return columns + """
        CREATE TABLE IF NOT EXISTS "login_counter" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(80) NOT NULL,
    "window_start" BIGINT NOT NULL,
    "hits" INT NOT NULL,
    CONSTRAINT "uid_login_count_key_4a821e" UNIQUE ("key", "window_start")
) /* Failed logins per key (account or address) and fixed window, counted in the database so */;
CREATE INDEX IF NOT EXISTS "idx_login_count_window__045b63" ON "login_counter" ("window_start");
        -- Hand-written (docs/policy-as-code.md#versions): every writer of a tenant's policy lines
        -- or credentials bumps the tenant's version in its own transaction.
        CREATE TRIGGER IF NOT EXISTS "policy_rule_version_insert_new" AFTER INSERT ON "policy_rule" BEGIN UPDATE "tenant" SET "policy_version" = "policy_version" + 1 WHERE "id" = NEW.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "policy_rule_version_update_new" AFTER UPDATE ON "policy_rule" BEGIN UPDATE "tenant" SET "policy_version" = "policy_version" + 1 WHERE "id" = NEW.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "policy_rule_version_update_old" AFTER UPDATE ON "policy_rule" BEGIN UPDATE "tenant" SET "policy_version" = "policy_version" + 1 WHERE "id" = OLD.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "policy_rule_version_delete_old" AFTER DELETE ON "policy_rule" BEGIN UPDATE "tenant" SET "policy_version" = "policy_version" + 1 WHERE "id" = OLD.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "session_version_update_new" AFTER UPDATE OF "revoked_at", "expires_at", "user_id" ON "session" BEGIN UPDATE "tenant" SET "credential_version" = "credential_version" + 1 WHERE "id" = NEW.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "session_version_update_old" AFTER UPDATE OF "revoked_at", "expires_at", "user_id" ON "session" BEGIN UPDATE "tenant" SET "credential_version" = "credential_version" + 1 WHERE "id" = OLD.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "session_version_delete_old" AFTER DELETE ON "session" BEGIN UPDATE "tenant" SET "credential_version" = "credential_version" + 1 WHERE "id" = OLD.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "api_token_version_update_new" AFTER UPDATE OF "revoked_at", "expires_at", "purposes", "categories", "actions", "issued_by_id" ON "api_token" BEGIN UPDATE "tenant" SET "credential_version" = "credential_version" + 1 WHERE "id" = NEW.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "api_token_version_update_old" AFTER UPDATE OF "revoked_at", "expires_at", "purposes", "categories", "actions", "issued_by_id" ON "api_token" BEGIN UPDATE "tenant" SET "credential_version" = "credential_version" + 1 WHERE "id" = OLD.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "api_token_version_delete_old" AFTER DELETE ON "api_token" BEGIN UPDATE "tenant" SET "credential_version" = "credential_version" + 1 WHERE "id" = OLD.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "app_user_version_update_new" AFTER UPDATE OF "is_active", "tenant_id" ON "app_user" BEGIN UPDATE "tenant" SET "credential_version" = "credential_version" + 1 WHERE "id" = NEW.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "app_user_version_update_old" AFTER UPDATE OF "is_active", "tenant_id" ON "app_user" BEGIN UPDATE "tenant" SET "credential_version" = "credential_version" + 1 WHERE "id" = OLD.tenant_id; END;
        CREATE TRIGGER IF NOT EXISTS "app_user_version_delete_old" AFTER DELETE ON "app_user" BEGIN UPDATE "tenant" SET "credential_version" = "credential_version" + 1 WHERE "id" = OLD.tenant_id; END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "policy_rule_version_insert_new";
        DROP TRIGGER IF EXISTS "policy_rule_version_update_new";
        DROP TRIGGER IF EXISTS "policy_rule_version_update_old";
        DROP TRIGGER IF EXISTS "policy_rule_version_delete_old";
        DROP TRIGGER IF EXISTS "session_version_update_new";
        DROP TRIGGER IF EXISTS "session_version_update_old";
        DROP TRIGGER IF EXISTS "session_version_delete_old";
        DROP TRIGGER IF EXISTS "api_token_version_update_new";
        DROP TRIGGER IF EXISTS "api_token_version_update_old";
        DROP TRIGGER IF EXISTS "api_token_version_delete_old";
        DROP TRIGGER IF EXISTS "app_user_version_update_new";
        DROP TRIGGER IF EXISTS "app_user_version_update_old";
        DROP TRIGGER IF EXISTS "app_user_version_delete_old";
        ALTER TABLE "tenant" DROP COLUMN "policy_version";
        ALTER TABLE "tenant" DROP COLUMN "credential_version";
        DROP TABLE IF EXISTS "login_counter";"""


MODELS_STATE = (
    "eJztXf1v2zjS/lcI/7Ip4GYTJ2lzvcMBTppuc5svJNn3Frc5OLRE27zIpFaUnAZ3/d9fkp"
    "Ksb1myLVtmCRRpInIo6SFFzjwzHP63M6Umsth+38aP9AWRzifw3w6BU8R/yZR1QQfadlQi"
    "LrhwaMnK0MYDd15tyFwHGi4vGEGLIX7JRMxwsO1iKm7S6QMbOi5Bzk8MSLFPYEg9YvI/AC"
    "UIuIhA4gLoX2EGtREDhIJXbCIHuBNIAHYZwIx5sg0Hjycu2xc3N6nB747JuMH7PJHHCQIM"
    "GQ5yeSFgE/pKeIMG+iv/ab1Joa/X/fP3D1/7vZMPgN9StieEnBn/NSbrUgeZ8tE9gv/0EM"
    "dxjHhVh7/AH//mlzEX/oaY+POPjv/EojZvALrIHEC3829RzX4ZjDCyzEQnYlNUldcH7pst"
    "r10S94usKNAaDgxqeVMSVbbf3Akl89rYv9sYcRTF/fg11/FEnxLPsoL+D7vZf4Ooiv/oMR"
    "kTjaBniZEhpP0HiK51BoOb28fBw8XjYNDJjJpQItbBwSWDEjHi+KMy+fZj8Qjve4fHH49P"
    "jz4cn/Iq8jHnVz5+928dAeMLSnhuHjvfZTl0oV9DYh+BKv/PwHo+gU4+rmH9FLL8kdPIhj"
    "iWQRteiLCNPrJNgDuF3wYWImN3IhA9OCiB8v/69+df+/d7vNY7cUvKZwV/vrgJinp+mcA7"
    "wtd20Ah/q4NwJKEgxke9ChAf9QoRFkVJgOVUOJhANqkDclJqPUBvd55IwPzhuALMH44LYR"
    "ZFqXHsOTZliGVB/sfD7U3BSI7JpCA2seGC/wELs8yMvK4x3fnbyCOGwBEMPWy5mLB9cb+/"
    "dxrqghLIBUai5Sljf1pxqPeu+7+ne+H86vZMQkaZO3ZkK7KBs1SXGBywMXVwvU5JSuluWX"
    "u3QPlytfokJqI7ZP3fSaRcZvrkMy9x8RQVfCsJyXTXBKL74S+7uDjzFzRvuZYfrFYlXfN4"
    "eX3x8Ni/vkv0z+f+44Uo6cmrb6mrex9SfTZvBPzz8vErEH+Cf93eXKS7cV7v8V8d8UzQc+"
    "mA0NcBNGMLa3g1RC3R6xZk7sBjS/V7WnYNPR88cls6fkc6OsSktKfRNxvz5pbo56Skgt+3"
    "St3soBlX2pf5nJOS+mNucy9LesocDN8G9eielNhi4mcHvt71cD8xU1nybfWATchoVANUBU"
    "c5eskl1CJSM4nwF+ogPCa/ojcJ9CV/JkiMPC4tIKsf5w3tGMDfwzEUXo1mTAe+zond5NDi"
    "78/fGrk+b9N/OO9/vujkzwxrwPY3hnaRS6uKbHo2zAdXDOIhNF5eoWMOEqNZlNAeTV2Z18"
    "0WTXvT9BVI4FgiJF5FPHjog/FM7F7MkHz4rIcmKu2W+mhEvQGaV1zopbklCFBbdLYwdPk/"
    "/jujBFpAUONdgH3viD8mf2LAmHB890HfthEx3wtHyF/Bs+ALn4FBZ1xWeEAyPppG7vJE5H"
    "v6np0JAjbXZzD1GJCXeStCANCR75PheAbtdwGjAHGc+MN1gRwA/DdAHeAg6phIPPQTGXIT"
    "8EXeJ3iaAu9N3F3D0J++n6bAnSPcOF0Qv2LzmxnYhlZYXMvLc4bHP4qj5y+93tHRx97B0Y"
    "fTk+OPH09OD+brU7aobKE6u/xFrFUJRW6xO6i+cq1tpx3QqhOfX3VHVExIQV9UY06SWiBH"
    "IktB3DJTtGmE54trHYwTQgoO5EYc1/yOLteouAZZz72UFNPujAbdfgMHuZ5DUI7GVMX/lx"
    "DXHdVkR5mI4KW7KRLWnbT+TuK2Zc0JztSu84Y6w0JjaPFpaYQcFPA3Vdf4HFH19KlGFnph"
    "zGeALrO4AwGVyOCNWN2JoMBZ7ZC1hJCCWuz6jYW6CGtwa4CrnUkd7Uxqj8ujgjNpi/6Orw"
    "gmWe5MYXext2MS1lvo7BA7Ogh6Rcz1fQTCOYCgMck4Hq7pDJlg+BZs54AWcoSPQvzFb0GY"
    "H5goNo+4sph1My6PBu/1RLDwehgT6sQcFLxFREywx2jk0xCFImjLfwSxyYWXucjgwxy4lL"
    "6ruCWl0CnRksmuDQ6KxnaitF8PPVBKCdXa0Zq1o8w6XmfBWbzm3xL0SPmPxlf8rc4yTa33"
    "q6/hd3zV4U9eHrqQqFRhTbf9+nUiGfokWGgdZAg3Pl8KDTqdYlcsdkM04qqhDDJwELM5in"
    "xhRCP3HRh6LiDUBW9iqyaJltNPuYEMTdzkicxVgmD5n3KVgC/Woq5LwXMsqOMZvGJ3Im/B"
    "p3kZ+iDmH157ii0LM/5UxGR8zXeRI8IquKrAn8Lxwy5EbAPYk6397Csf9tsnec+qikA8dI"
    "EPMR2toKMVWr6g6WgFHa2goxVahrCOVtDRCj+4S09HK+xeR+lohdZ2ko5WaE9n6GiFLSz0"
    "LWHitw20djs2C/DOux3PBStH3HtJ33Vy6MpkhW4ZVWn4VQdOVHcRS1kMdM3EcL6CLkdYZH"
    "sa0Oa6oM4XtwUv3RZIg7bNDU2zBnxSdb0cLa8Y4UhCQYAPP1QA+DDNV0YAi6IkwOibbWED"
    "5yxwZ5RaCJJ8lONiKZyHXK4poOdXNqsyn93eXiVU5rPLFD9/89v12QWHXiLPK2G3wNPMqO"
    "fU048jCQUHdCN6MZphM98KeUTfCta8uIwK5keZD+Ti98dyA3DuArm6vfklrJ62CtOUSaSG"
    "ZGBfkFksKaodUq12SEU0cQ2NMimkzc6chSEMLqid7icruBS+LZu/dL6ftqKquZLN5/uJmf"
    "4rInsetaQotMm1ZjG2sflzDfhWzKbUstm2KrbZtSaBL38McPPb1dUWiT7XZ+LyKL5w3JeS"
    "e/NKa2X14jQeN0GQQ3yXR2nmoGTGXRF6l8wj5NlmabnM3BqeUZAtRlOILU0ZbpYyTHR+Bt"
    "5iEiAtp4KJmqK2eqdVuK3eaTG5Jcp0uuuq6Kub7jo5Mdbp9aSk7vW29HoOMxE8fdTrI+zE"
    "1ruqE2tSSr1ptRGCNaFZVI7zgKsCvVzoTWd3cTbo1IYkxywpRjkmogdzJZD/Q4cDF7tWrc"
    "GcENJAV3PLSIOjjtIbCigI8EkVVzmvVQzwSXYTAwepXjRCKKAewOsPReCaCFdWcmIRip2K"
    "MREVEN60T9GWQaHCM2hMICGo5h6oHGEVeqHpQwQj4EYO4m9MjFoKSIG4Rn4x8vw+iM8Xbq"
    "2o9oSQjmwvn4SWiGwXgxg7aCpyqdSZ+9NyKnwAm14Ahh7DhC+gPmo1JqGMoArob+KEXs/h"
    "qyVDS079udIa+krQcx3Fg9ZgJtCsNdYzghrwauQKdusxK0F9DW9F7sojrlOTu5qLKAhyFY"
    "iLAc5SsC52PTNnpvhiUVigk8SFUgiPhNTuYVwC6ufb386uLsDd/cX55cNloBnOHRayUFyK"
    "grXvL/pXaZQpGS8Bc1xK41wBZ8FaIz428QwNCHXz9vUWa9q5wipMIJtWtxkibMk+yBHVPb"
    "AM40UNbraILGjCpnewyNqZ7YfSrTmFbeh9OjX26XBIljsvOyGoz9dtT8BANk5Ex4R3dEx4"
    "e4JrV9o/n4gVZ/lk5Vkg+eXXe2QVpdUq2hKvCOhJtXMCyThP0amJlAgaPpdtqYpUsG99IH"
    "ZXrwmwO7/JB9GiqrBJHjTXoVMHMK5wwAdv+B9k8O9RNrizekM5XCZmhkWZ56w6xD7PG1J1"
    "ZI0wXywMDK0VkfoStlN5pt/FgSWdpP6hCividRm1pOrQonKmWR2q27AdVYFi3nDe+IpYPc"
    "SaUgmuDez2ChSv4j1fkWa2cOfXwIjqLkw+/88JBX59E7yKk1ooARAELXVlnvbXCSKfRN54"
    "F4+wIccAA3vUMmUpQa9gBi2+oAMbOUC+9jtR0kmB3uCtnkhIEokQjkAh3gcXDhSrp3+qDB"
    "ea38w/w0ZU8rPSi7T2QcP81zcw4XdcIrF8bOdd8J46n9XGN6e9YJIDa7G/LqyvYF6a9Sda"
    "KrQ1SxKWRiKbD+zaDofYTKbYaEbJoL9gF2BCUu8Hawu9W2UX4G5k2uI6Ce5sZEprJsoj+E"
    "DqJq3JyOmcNVkflE61pHMBtRtV7ffRuYDaDG3dXEDRsrQGeNVOBZRZwduYCSjhYypmiNKu"
    "qMU8UcIfVokuKu6ABfmCctJ+l2UNimWYHkKGWfCImkrRqcG3Saisfz9uEOdQB+KYiArRiY"
    "1TVsFZB0vwJglJHQXX5ig4nQF+s5Glvnu1dlhvXEzjXQPvuBZUY61IiSm4JDeyYGjCShNW"
    "LUZVE1aasGoztFUIq+0wKjlBqDmESn6oajGfIg1o5gsMnJjEwuibPgiqA493qQN++Xx3D/"
    "qOuw8OT5683sHhUe+wC8KE1WD4JkNV/KErwmfEXzZyGCU/MTBEE2iNZNxKIu6mqZvUC46J"
    "jrQyuZCIi0lmcg4/MM3x6HAZVVTJ3Tj4rXN7d3HT2VGI+bSF8GypuJiUqIKBMSoxPMGqUb"
    "OPIyndva3uXnE2AGEcAK5AQebHj1fdt58nqwI1vumN+2K30XIRhnFBTZS3+TtzULCfZYnv"
    "LE9Wf2dLfGdbYhhbBvu6CUZq89evH8WZFtPQau5Wc7etJhh3gLtt2YSwBuo2iobLnXTXgK"
    "7asYbpdaZVoYaxXAN5hHgiE0EJEZ6st5D+vpOsMrSAoCdBII3MgKd+ttAYWgORGc/CYuQ8"
    "d6PtmrIMyDTt4sRzgF0ACXvlf5lZBrzB+yy9Q3T+FHqP6MZJb7/D551ah6DNEVWQCm8mLz"
    "d/AAPbsOYJGDEhBZFef0gpX2eceaKGqjAnhFSw6TexbZCDMaYOrrkfOiGlz7ooZ1eW2Cid"
    "WFgzHbPAXZCSVdBpoPBmaR25p9mfdqOq2Z8fg/3ZVWjbG7kX5HI6s6jx0smhKBLl3TKSAv"
    "k1B8N51YU8BR8iyAQTyCaIgb2v1/3z9w9f+72TD+8AHQFIgJ8vO5ZeSp76KZNWhYfeRxxC"
    "FzAaC6rLsBWN3u2JGJAQ6nLpKQKib3ihQ73xRLSMpzYVgYFXeMQVwzGAQKIEMJP3DXbLxI"
    "IFoTnFBPCnWIIMeUFvA/GWmv3YcMhfiHsG2pKwv5iMtsKrbOzkara7XDBFQlJbILtkgVh8"
    "3lyq0xOCOoKmzRE0QVfVDTNIi+kwA21oakOz1dZQTUNz/oVrV/gCYNNzYatc4elk8jnGZk"
    "6++WJ7c57kfuBEtdeaaKeaw5kahiePNPeVDI58agdWTgVtmOm9WFsxyNa/UQhOxcGsOXo5"
    "MvAUWvkIR0JpndyX2g+kdxDvEnw/X5xfXvev9g5Pu71UZooQ+uOsN1TMHTXP2o7LKDiIjy"
    "qM4aPCIXyUcewn5+c65mVKVEFSQSULc+PbRlumRqa+oiqHTh8Vnzp9lDl2Ov5YGZCLt7+k"
    "xFRAeuM7XzQr+gOyonq/k2bLWo2qZst+jLCMlk0Ia92Usx2yLH6SYA5RljposJgkw6mKmh"
    "/T/JjmxzbJj2l24QdhF0zsRCeaVv2UEkIqWL5Nf042dFwsNi7x+3Ecc6nnwgUhX1jbQFkb"
    "KMi6WIsri0TUG8gnlTY6nZRsdDrJ2ejElaTcQwqKubKYiAoga56sNV2heTK9f0kTZZooax"
    "/AChFluwpte/cvXdExJudClZecVIYpS5R3y6gyS9T0rYKg6sL9S18gtpAJpCQTG4HAC3oD"
    "e9CQrQDqAL5I8XWMvZObiEaYdzF45X1NX7vAv5MJsJ8JXLAzQ8gQYLST6rum7vNE3Al0AZ"
    "oh5w28UueFNyzkJ3z5BYwr+ogBShCALp1iw2+I39VzJz/7YFl4il22b7+9K9qm9IfY4SLK"
    "/KcRR6Y4bs4RddliTf9tcN9SLfYPqRpXdFrFxjstNvFOMxZeYlhnMD7D48LBm5ZUSVX6S6"
    "93dPSxd3D04fTk+OPHk9OD+ZDOFpWN7bPLX8TwTnRHVk2d8DmqxrQRVt8c4gctnjgymul2"
    "lvnbYZAiN2+NjwpLF3iaqLYFT1jihFa9vm1qfdPHrTa+K5dRz6mX7y2S2OCBHNDGnY0g3E"
    "xeLE1eavJSk5drIi/DVBu1NxxnBbUDUXPDmhtuNYGpueGtcsMFE+8a8FV7Q3d2rWlVlOod"
    "tbDxdu9JiDNmeay0W2aX27LewAkrLqTdbwkC55ANMQG+LLAwv7T3bD93wfNY/ujxn/v7++"
    "8Ac/mQyrDfn4BDLQQgY3y0TRHvFpEDzOODiWXY92Zv90QE5W4j531wMqjAge2DRy4uE8m+"
    "523Ja/y2MyRafpaPgRH72X+efYPNnpdIFGbLb0mzEZtlIyQ2GVxLuIhQQEEm4rQK4V7Mt6"
    "ct5NlBHWD92hukHzbDPRz2qqDKaxVHXfayyB7WQvZQI1sZ2V4tZHsa2crIHtVC9kgjWxnZ"
    "41rIHmtkKyN7UgvZE41sVWS3Q0i1zO5Ujo9qGb5rpKO2Y9E/IMYKvOxhUbfMlmexSgvt+L"
    "4f0QYCocDmRdBBDnDpCyIAuwxZI5Emm4gotcC6/gQosd5EIYhl8Q5OHeN2b8aCb+pGT4Rb"
    "8LI6MhzkypTgMIqwsxB8AW8SeEAoN/cFSv4NmQy0g/y56Itni/uKQLtg1AL0pwct7L5VtO"
    "m1Ab9JA172X+1E30mp9SzZ24VZJ/rW3u61e7vRNxvz1pbo9aSkgr2+I70cYlLazQ6a8flw"
    "mY87Kakzure5l3UMwPr0kQhV4TWqh2lMQiPaRiu2bQA3FFXhBb76zbj8dxXU2NfaKmbAG8"
    "ZfO0sPxMu7pRxBuuZaQ/ELYu9damMjZ+NZVNmv0Z0/3xDpRFQbN62DLqhuVQcCCvrGG4jS"
    "jwZ2BuMzSi0ESUGwfkIwhfWQSzYFdji4N6ton93eXiV07LPLdG6R367PLu73DlNZ3HOUNd"
    "tcksVISipoz+4oi5Fj+QRPr2P2dVD5rqCqzR8dVN5maNubcCRu5zxK9XOBMfQY6qjVLKLB"
    "XKdtzi7KN4a0raNtHWVsHWq7A+rlJd0oM3RiUtrKqW7laL1M62UtUh5aG10VIJ+jMER9Uq"
    "wlRAOg0eQlWg3YpBrALG9cRwsI6+sIooUqgPy/BrRhfQX1K52PRHObiXrLR2gFu3VnyAkD"
    "fVP6dUlSu6ysMknWNpzTjn9BJiKuOP16qZ7Il9e9Ub03Mpp6sUoZOyzZxgM//junuwLZL7"
    "/eIwsWnAkSqIt9Gz+KZnZwaixS4hPDG3omdgdoJnbKr4iUaOlihpQyeHKwshExeVPrw+zO"
    "b1Bp6ETp6nCd+63cy1wdCkMlCPnVoVLMcZHr9zUmkIzRerA6l22pjliQcFPkO3bXBNyd3+"
    "SDaFFV+CStEBy8NHAQf3C26ifKLTf44Ld47zeoLHiYGRZlnrPqgPs8b0hVqPgLidcbDC1q"
    "vKyI1oXf1ploSlW8RphAYgjrys/gtSJkX8Lm1NYxcHRY7YqAXSaPvVURrHk28xWhSiRPVx"
    "GoWHq5FaFKJrTbyX1l5VAF++NXhCmWKEDF8RQP1lkVqdROCBXhkmEra8RpHk6lIljzBJTL"
    "Y6XY7qjvtfzxaVZsgmCZ7nVL0CPlPypSYl95awrN/DWDF+TAygldCAdcceACLxmEe/+aC2"
    "pEU4gtHdS41WgGvw8yuBb73OcCKjrdT6qENPBaxU73k0xQgw0Ze+U2YO0ENBlBFRFvIswB"
    "s4GwJGc5sSSlsaQJOR1NWj2aVMeVFA93deNKdAzxuhZoHUO87Rji+OLBPD4h6ZiPys749T"
    "DmdX3yu2KztcbbvIuAtcVbuovYbdEDuItwbcM7s4s4aY/DOmjPmkxeHznYmHRyuLygpFvK"
    "5kV19DakXbILuiXEXWEQecnhA4Vx40pQSScnlci7kxLy7iRNJYmPqgbCQXUF0T2sRNQdlh"
    "B1hzn7kbgKi/Ks23883N4UEEaRSJotwoYL/gcsvMvxb3ngCjASlFCI6d51//c03OdXt2dp"
    "rkc0cFZvA8T6F7Pv/w/R02Es"
)
