from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "api_token" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "prefix" VARCHAR(32) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "purposes" JSON NOT NULL,
    "categories" JSON NOT NULL,
    "actions" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "last_used_at" TIMESTAMP,
    "expires_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP,
    "issued_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* A partner's token: bound to one tenant and to scopes no wider than its issuer's rights. */;
CREATE INDEX IF NOT EXISTS "idx_api_token_tenant__65b48c" ON "api_token" ("tenant_id", "created_at");
        CREATE TABLE IF NOT EXISTS "audit_event" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "seq" BIGINT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "principal" VARCHAR(64) NOT NULL,
    "purpose" VARCHAR(64),
    "operation" VARCHAR(200) NOT NULL,
    "contact_ids" JSON NOT NULL,
    "categories_returned" JSON NOT NULL,
    "categories_denied" JSON NOT NULL,
    "codes" JSON NOT NULL,
    "legal_reference" VARCHAR(200),
    "prev_hash" VARCHAR(64) NOT NULL,
    "hash" VARCHAR(64) NOT NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_audit_event_tenant__0a4e16" UNIQUE ("tenant_id", "seq")
) /* One operation on personal data. Append-only; `hash` covers the event and the previous */;
CREATE INDEX IF NOT EXISTS "idx_audit_event_tenant__3636df" ON "audit_event" ("tenant_id", "at");
CREATE INDEX IF NOT EXISTS "idx_audit_event_tenant__31a2ab" ON "audit_event" ("tenant_id", "principal", "at");
        CREATE TABLE IF NOT EXISTS "audit_head" (
    "seq" BIGINT NOT NULL,
    "hash" VARCHAR(64) NOT NULL,
    "tenant_id" INT NOT NULL PRIMARY KEY REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* The newest event of each tenant's chain. Updated with every event in the same transaction, */;
        CREATE TABLE IF NOT EXISTS "contact_change" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "changes" JSON NOT NULL,
    "changed_at" TIMESTAMP NOT NULL,
    "source" VARCHAR(200) NOT NULL,
    "changed_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "contact_id" INT NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* Who changed what on a contact, and when: rectifications (old and new values per field) and */;
CREATE INDEX IF NOT EXISTS "idx_contact_cha_tenant__fdd1d6" ON "contact_change" ("tenant_id", "contact_id", "changed_at");
        CREATE TABLE IF NOT EXISTS "data_subject_request" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "received_at" TIMESTAMP NOT NULL,
    "due_at" TIMESTAMP NOT NULL,
    "extension_reason" TEXT,
    "closed_at" TIMESTAMP,
    "rejection_reason" TEXT,
    "contact_id" INT REFERENCES "contact" ("id") ON DELETE SET NULL,
    "opened_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* A request under GDPR Art. 15–21, recorded by the tenant on the person's behalf. */;
CREATE INDEX IF NOT EXISTS "idx_data_subjec_tenant__698fb0" ON "data_subject_request" ("tenant_id", "status", "due_at");
CREATE INDEX IF NOT EXISTS "idx_data_subjec_tenant__8635b1" ON "data_subject_request" ("tenant_id", "contact_id");
        CREATE TABLE IF NOT EXISTS "disclosure" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "legal_reference" VARCHAR(200) NOT NULL,
    "principal" VARCHAR(64) NOT NULL,
    "operation" VARCHAR(200),
    "categories" JSON NOT NULL,
    "disclosed_at" TIMESTAMP NOT NULL,
    "contact_id" INT NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* Personal data disclosed under `legal_compliance`, with the legal reference it answered. */;
CREATE INDEX IF NOT EXISTS "idx_disclosure_tenant__936b4d" ON "disclosure" ("tenant_id", "contact_id", "disclosed_at");
        CREATE TABLE IF NOT EXISTS "erasure_block" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key_hash" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "lifted_at" TIMESTAMP,
    "lifted_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* Keyed hashes (HMAC-SHA256) of an erased contact's email and external reference, so the person */;
CREATE INDEX IF NOT EXISTS "idx_erasure_blo_tenant__5bd304" ON "erasure_block" ("tenant_id", "key_hash");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "audit_event";
        DROP TABLE IF EXISTS "erasure_block";
        DROP TABLE IF EXISTS "disclosure";
        DROP TABLE IF EXISTS "data_subject_request";
        DROP TABLE IF EXISTS "contact_change";
        DROP TABLE IF EXISTS "api_token";
        DROP TABLE IF EXISTS "audit_head";"""


MODELS_STATE = (
    "eJztXW1z27i1/isYfVnvjOLGcpy46Z07IzvOxru25drK7U6bDgNRsISaBrgEKcdt898vAJ"
    "LiO0VKpEQhmNnJJiQOSD0AgXOe84L/9J7oFFnscGjjMX1EpPce/KdH4BPif8nc64MetO3o"
    "jrjgwoklG0MbG+6y2YS5DjRdfuMBWgzxS1PETAfbLqbiIb0hsKHjEuT8xIAUew8m1CNT/g"
    "9ACQIuIpC4APpXmEltxACh4BlPkQPcOSQAuwxgxjzZh4Nnc5cdiodPqcmfjsmsxed8IeM5"
    "AgyZDnL5TcDm9JnwDk30F/6n9SKFPl0Pz1/dfxoOTt4C/kjZnxByFvyvMVmXOmgqX90j+A"
    "8PcRxniDd1+A/4xz/5ZcyFvyEm/vmPnv/GojXvALpoakC390/RzH40HjCypolBxFPRVF43"
    "3BdbXrsk7kfZUKA1MUxqeU8kamy/uHNKlq2x/7QZ4iiK5/FrruOJMSWeZQXjHw6z/wuiJv"
    "6rx2Sm6AF6lpgZQtp/gehazzBuRmPj/mJsGL3MrAklYgMcXDIpETOOvyqTv34mXuHV4OjN"
    "uzenx2/fnPIm8jWXV9599x8dAeMLSnhuxr3v8j50od9CYh+BKv+fgfV8Dp18XMP2KWT5K6"
    "eRDXEsgza8EGEbfWTbAPcJfjMsRGbuXCD6+nUJlP83vDv/NLw74K1+Fo+kfFXw14ub4NbA"
    "vyfwjvC1HfSAv9VBOJJQEOPjQQWIjweFCItbSYDlUmjMIZvXATkp1QzQu10nEjC/fVMB5r"
    "dvCmEWt1Lz2HNsyhDLgvzr/eimYCbHZFIQT7Hpgv8CC7PMitzUnO79z4NHTIEjmHjYcjFh"
    "h+J5/9traQhKIBcYiZ6fGPvDikN9cD38PT0K51ejMwkZZe7Mkb3IDs5SQ2JywGbUwfUGJS"
    "mlh6XxYYHyx9Uak5iIHpDmv5NIucyMyQd+x8VPqOBbSUimhyYQPQz/so+bM/+B0xHX8oPd"
    "qmRoxpfXF/fj4fVtYnw+DMcX4s5AXn1JXT14mxqzZSfgb5fjT0D8E/x9dHORHsZlu/Hfe+"
    "KdoOdSg9BnA05jG2t4NUQtMeoWZK7hsbXGPS3bwMgHr9yVgd+TgQ4xKR1p9M3GvLs1xjkp"
    "qeD3rdIwO2jBlfZ1PuekpP6YuzzKkp6aGpMXox7dkxJbTfzswdfbDPcTM5Ul31YP2ISMRj"
    "VAVXCUD4+5hFpEaiYR/kgdhGfkN/Qigb7k7wSJmcelBWT1eNnRngH8PZxD4dVoxXTg85LY"
    "TU4t/vv5r0auz9sM78+HHy56+StDA9h+ZmgfubSqyKZXw3xwxSSeQPPxGTpTIzGbxR06oK"
    "kry7bZW0+Dp/QVSOBMIiR+injx0AfjTbF7sUDy5bMemuhuv9RHI9oZaNlwpZdmRBCgthhs"
    "Yejy//jfGSXQAoIaPwRD20Zk+kp4PP4Cvgpi8Csw6YI3kq4O+STft8L/ZXONAlOPZXw0rT"
    "zlC5HXf2JACAD64DtfOHCBz6cPGAWIA8Lfog/kSPO/AeoAB1FnisTbgQk39R79x5hzPneK"
    "vDRxtwxDf/j+mAK3jXDX9EH8is2fZWIbWuHtWt6cMzz7URw6fx4Mjo/fDV4fvz09efPu3c"
    "np6+U+lL1VtiGdXf4i9qSEwrba7SNGthb8gYBKGsBWhiDGC9a2W7RZugcGS2LFq+7jiwkp"
    "6OZrzf9UC+RIZC2IO2blt43wUm+pg3FCSMGJ3EpMAH+iy5VVrpzX89wlxbSnqHlP0dI3aj"
    "jI9RyCcpTUKq7VhLgeqDYHaooIXnuYImE9SM0PEjfbay5wUx2V0NJgWGgGLb4sPSAHBdRY"
    "1T0+R1Q9faqt4L9F7dC0hJCCKlXzmmtdhDW4NcDVTqOedhp1x7VRwWm0Q7/GJwSTLHfmZn"
    "+1V2Metlvp1BCZGwQ9I+YGrgP6ABA054Ff4CcWUP3gsy3Ywil4xu5cNHVeAgFMYs4EBxLm"
    "hyL2M56N9h71hWDh8zDn1Im5J3iHiEzBAaORQ0PcFKFZfocilYXfc5EpHudS+rP0nIh0FY"
    "c+A4uaj18IQw6GFv43YgBK3wsTLpkwV4Zre7e+3nT/16uKaSuFDo2OLJRdcG60lq3SfbfF"
    "63aR3bLPQmtWDWtWGR2gzma1Wl8YETSm/I/WtYWdrjJt6Qob7f/n/G34rnSHTOrk6gDJBq"
    "V6gOk35Tb3su0qXaAYvJqZmD7JLOdM5D8xoe16jk7Q3MGWtwPH14+wEMd3Ob5Mul4OU1mM"
    "cCShIMBHbysAfJT2uUcAi1tJgNE328Imztmwzii1ECSF4flLsRTOEy7XFtDLK9ulfc9Go6"
    "sE7Xt2mdLPbj5fn11w6CXyvBF2C9Q2Rj2nHscbSSg4oVvhdtECT/OZ9DH6VrDnxWVUoNDL"
    "4ngufh+XOzGWYTxXo5tfwuZpz0ba7RepIRnYV6TyJUV1UFWng6qiUIcaGmVSSNPOORuDb1"
    "CskV+TFVwL346tXzrBpquoal/J9hNsYqb/hsieRz0pCm1yr1mNbWz9bADfiulLHVttq2Kb"
    "3WsS+PLXADefr6525egLJ3c+xRfO+1Jyb9moUVYvTuNxEwQ5xA/bKU3hSZa44HCnEno835"
    "1XeF+WSgiLgmVvoyeILU0ZbpcyTAx+Bt5iEiAtp4KJmqK2BqdVuK3BaTG5Je7p+jK6vkxy"
    "Yawz6klJPepdGfUcZiJ4+2jUH7AT2++qLqxJKfWW1VYI1oRmUTlWGW4K9Hrh4739xdmkTz"
    "YkOWZJMcoxET2ZK4H8LzoxXOxatSZzQkgDXc0tIw2OOkpvKKAgwCdVXOW8VTHAJ9lEXA5S"
    "vWiEUEA9gJsPReCaCFdWcmIRip2KMREVEN62T9GWiU3CM2jOISGoZh5/jrAKo9B21e4IuA"
    "cH8V9MzFoKSIG4Rn418vw5iK8Xbq3MzISQzs4sX4TWyM4Ukxg76EmkNdRZ+9NyKnwA294A"
    "Jh7DhG+gPmo1FqGMoArobyMr1nP4bsnQmkt/rrSGvhL0XEfxoGUsBJq15npGUANejVzBbj"
    "1mJWiv4a3IXXnEdWpyV0sRBUGuAnExwFkK1sWuN81ZKT5aFBboJHGhFMIPQmr/MC4B9cPo"
    "89nVBbi9uzi/vL8MNMOlw0LeFJeiYO27i+FVGmVKZmvAHJfSOFfAWbDWiM9NvEAGoW5ebZ"
    "piTTtXWIUFZNvqNkOErTkGOaJ6BNZhvKjJzRb+Soaw6R0sEuiz41CamlPYh87TqZGnwyFZ"
    "74CahKA+0KI7AQPZOBEdE97TMeHdCa7dqH5OIlac5ZOVZ4Hkx9/ukFVUGrYoJV4R0JNq5x"
    "ySWZ6iUxMpETR8LvtSFakgb90Q2dUNAXbrd3kvelQVNsmD5jp06gDGFQ54703+hUz+PcoO"
    "91ZvKIdriplpUeY5m06xD8uOVJ1ZD5hvFiaG1oZIfQz7qbzS7+PEkk7SwtNf6+B1GfWk6t"
    "SicqXZHKpR2I+qQDFvsux8Q6zuY12pBNcWsr0Cxas45yvSzFZmfhlm1HZlice/zSnw20/B"
    "8xzKmoUQBD31ZcXD5zki74EjPoMHbMo5wMABtabyLkHPYAEtvqHLyofyZ8tKib0U6C0+6g"
    "sJSSIRwhEoxIfgwoFi9/QLPIoKjeHD/GqSopFfRlIUfgw65n99AXP+xIrlGgtqWwW/U9ez"
    "2npy2iMmObAW++vC9grWpWm+0FKhrVlSdD8S2X5g1244xHZOO4hWlAz6K7IAE5I6H6wr9G"
    "6VLMD9qLTFdRLc28qS1k6UR/CB1C1ak5HTNWuyPihdaknXAuo2qtrvo2sBdRnaurWAom2p"
    "AXjVLgWU2cG7WAko4WMqZojSrqjVPFHCH1aJLioegBX1gnLKfpdVDYpVmJ5AhlnwippK0a"
    "XBd0moNJ+PG8Q51IE4JqJCdGLrlFVw1sEavElCUkfBdTkKTleA325kqe9erR3WGxfTeNfA"
    "O64F1dgrUmIKbsmtbBiasNKEVYdR1YSVJqy6DG0Vwmo3jEpOEGoOoZIfqlrMp0gDmvkChh"
    "OTWBl9MwRBc+DxIXXALx9u78DQcQ/B0ckXb/D66Hhw1AdhwWoweZGhKtHpouJfNnIYFeeZ"
    "TtAcWg8ybiURd9PWQ+oFx0RHWk25kIiLSVZyDj8wzfHocBlVVMn9OPitN7q9uOntKcR82U"
    "J4sVZcTEpUwcAYlRieYNeoOcaRlB7eTg+vOBuAMA4AV6Ag8+PHq+bt58mqQI1vO3FfZBut"
    "F2EYF9REeZe/MwcF+SxrfGd5svo7W+M72xHD2DHYmyYYqc1/fv0ozrSYhlZzt5q77TTBuA"
    "fcbccWhAao2ygaLnfRbQBdtWMN0/tMp0INY7UG8gjxRCWCEiI82W4l/X0rWWVoAUFPgkAa"
    "TQOe+quFZtAyRGU8C4uZ87UfpWvKe0CWaRcnngPsAkjYM//XNMuAt/ictTNEl2+hc0S3Tn"
    "r7A74c1DoEbY6oglR4O3W5+QuY2IY1T8CICSmIdPMhpXyfcZaFGqrCnBBSwabfRtogB2NG"
    "HVwzHzohpc+6KGdX1kiUTmysmYFZ4S5IySroNFA4WVpH7mn2p9uoavbnx2B/9hXa7kbuBb"
    "WczixqPvZyKIrE/X4ZSYH8lsZk2XQlT8GnCJqCOWRzxMDBp+vh+av7T8PBydufAX0AkAC/"
    "XnasvJQ89VMWrQoPvY84hD5gNBZUl2ErWn3aF2JCQqjLpZ8QEGPDbzrUm81Fz/jJpiIw8A"
    "o/cMVwBiCQKAHM5HODbJlYsCCcPmEC+FusQYY8ohdD/ErNfmw55C/EPQNtSdhfTEZb4VUS"
    "O7ma7a4XTJGQ1BbIPlkgFl831xr0hKCOoOlyBE0wVHXDDNJiOsxAG5ra0Oy0NVTT0Fx+4d"
    "oVvgLY9FrYKVd4uph8jrGZU2++2N5cFrk3nKh1o4V2qjmcqWl68khzX8ngyKcysHIaaMNM"
    "52LtxCBrPlEIPomDWXP0cmTiJ2jlIxwJpXVyX+owkN5DvEvw/XBxfnk9vDo4Ou0PUpUpQu"
    "jfZL2hYu2oedZ2XEbBSXxcYQ4fF07h44xjP7k+1zEvU6IKkgoqWZhbTxvtmBqZ+oqqHDp9"
    "XHzq9HHm2On4a2VALk5/SYmpgPTWM180K/oDsqI630mzZZ1GVbNlP0ZYRscWhEaTcnZDls"
    "VPEswhylIHDRaTZDjVUPNjmh/T/Ng2+THNLvwg7MIUO9GJplU/pYSQCpZv25+TDR0Xi8Ql"
    "/jyOYy71XLgh5AtrGyhrAwVVF2txZZGIehP5pFKi00lJotNJTqITV5JyDyko5spiIiqArH"
    "myzgyF5sl0/pImyjRR1j2AFSLK9hXa7uYvjSZB7bxeDk0W3eyXkWQ00WwHFFni6DbNe+lz"
    "2HZk5TSfrqPP2d5GwQxt1WirRls1DVk1YQ5u7UykrKBmFrXRqI3GTls22mjszPnqsfWzAX"
    "zVzvTK7jWdCl+5pRY2X+48CXHGLI/d7ZfZ5bZsZzhhw5X1REYEgXPIJpgAXxZYmF86+Gp/"
    "7YOvM/nHgP95eHj4M2Aun1JTgP2DuISROIEMvQcOtRCAjPHZ9oT4sIjiIB6fTP4ZW/GCIu"
    "0+7gsRhUds5LwKjgwTOLBDMObissLcK96XvMYfu0Ci56/yNTBif/Lf59Bki69rVBCx5bek"
    "2YjtshESmwyuJVxEKKAgE3FawUo+LbSRT9MW8uJ1HWD91lukH7bDPRwNqqDKWxWHYwyyyB"
    "7VQvZII1sZ2UEtZAca2crIHtdC9lgjWxnZN7WQfaORrYzsSS1kTzSyVZHdDSHVMbtTOT6q"
    "Y/g2SEftxqK/R4wVeNnDW/0yW57FGlU4vtuiM27PBkKBzYuggxzg0kdEAHYZsh5E/UyCFv"
    "yqb12/B5RYL+ImiJX3DI4j4XZvxoJv60FfCLfgZXNkOsiVtULh0ugHFoKP4EUCDwjl5r5A"
    "yX8gk+VGIX8v+ujZ4rmUCNtezlqA/vCghd2Xija9NuC3acDL8atdATQp1cyWvVuYdQVQ7e"
    "1u3NuNvtmY97bGqCclFRz1PRnlSklUDlrw9XC9U+fjkrrUa5dHWccANKePRKgKr1E9TGMS"
    "GtEuWrFdA7ilqAov8NVvx+W/r6DGvtZOMQPeJP6zs/RA/H6/lCNIt2w0FL8g9t6lNjZ9X3"
    "eBN9xv0V++3wTpChVbN62DIahuVQcCCvrGW4jSjyZ2BuMzSi0ESUGwfkIwhfWES7YFdji5"
    "t6ton41GVwkd++wynXT8+frs4u7gKFXeNUdZs6drshhJSQXt2T1lMXIsn+Dtdcy+DirfF1"
    "S1+aODyrsMbXczkeN2zliqnyuMoXGoo1aziIylTtueXZRvDGlbR9s6ytg61HYN6uUstqWG"
    "TkxKWznVrRytl2m9rEPKQ2ejqwLkcxSGaEyKtYRoArRavESrAdtUA5jlzepoAWF7HUG0Ug"
    "WQ/68BbdheQf1K1yPR3GaiXb0IrYxWUrx9xk6Ms7Hhx7rmKOGB7Mff7pAFCwojB1vj0MZj"
    "0c0eToMihSXxGUFvil0DLURW8IZIiZ4uFkgp5S5NobHNcTr3e4lOH1UUKsGgbQ6VYkxjrq"
    "PGnEMyQ81gdS77Uh2xoEKeIY7Oawi4W7/Le9GjqvBJOyAooW44iL842/QT5aoWvPd7vPM7"
    "VBY8zEyLMs/ZdMJ9WHakKlT8B4mfZ0wsaj5uiNaF39eZ6EpVvNKnjG8IWc4J5yqiFjt2ak"
    "PALpMHWKkI1rL88IZQJaodqwhUrB7UhlAlK1DtZSJIOVRBQuuGMMUye1WcT3Hv+qZIpUKX"
    "VYRL+pkbxGkZ/6AiWMuKcetjpVg6w/daDrQ0DTZHsEz3GhE0pvyPilzYJ96bQit/TW+jnF"
    "g5vsZwwhV7GvkdI0zWaS8KCT1BbOkopJ26H/0xyOBa7CRbCqjoJTup4oPkrYq9ZCcZL6QN"
    "GXvmNmDtihEZQRURb8MviZkhLMlFjvO3NPgrIafDv6qHf2lHcPF0V8sRrIP+dNBfR7Thfp"
    "NBf/HNg3l8QdKBC5Wd8c0w5nV98vtis3XG27yPgHXFW7qP2O3QA7iPcO3CO7OPOGmPQxO0"
    "Z00mb4gcbM57OVxecKdfyuZFbXTewD7ZBf0S4m6BnPALqkooxURUpJJOTiqRdycl5N1Jmk"
    "oSH1UNhIPmCqJ7VImoOyoh6o5yEgi4CovyrNtf70c3xUUyApE0W4RNF/wXWHif49/ywBVg"
    "JCihENOD6+HvabjPr0Znaa5HdHCWRzNsMwnu+/8DHVbaYw=="
)
