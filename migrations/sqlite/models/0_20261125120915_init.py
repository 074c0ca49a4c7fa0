from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "tenant" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "slug" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "contact" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "external_ref" VARCHAR(128),
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "first_name" VARCHAR(200),
    "last_name" VARCHAR(200) NOT NULL,
    "company" VARCHAR(200),
    "job_title" VARCHAR(200),
    "email" VARCHAR(254),
    "phone" VARCHAR(64),
    "address" TEXT,
    "preferred_channel" VARCHAR(32),
    "preferred_frequency" VARCHAR(32),
    "interests" JSON NOT NULL,
    "requirements" TEXT,
    "business_type" VARCHAR(200),
    "purchase_frequency" VARCHAR(200),
    "annual_volume" VARCHAR(200),
    "city" VARCHAR(200),
    "country" VARCHAR(2),
    "latitude" REAL,
    "longitude" REAL,
    "competitive_notes" TEXT,
    "sensitive_notes" TEXT,
    "processing_restricted" INT NOT NULL,
    "erased_at" TIMESTAMP,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_contact_tenant__daf9cc" UNIQUE ("tenant_id", "external_ref")
);
CREATE INDEX IF NOT EXISTS "idx_contact_tenant__6831c3" ON "contact" ("tenant_id", "created_at", "id");
CREATE INDEX IF NOT EXISTS "idx_contact_tenant__c75a92" ON "contact" ("tenant_id", "updated_at", "id");
CREATE INDEX IF NOT EXISTS "idx_contact_tenant__94ef08" ON "contact" ("tenant_id", "last_name", "id");
CREATE INDEX IF NOT EXISTS "idx_contact_tenant__dbc3c8" ON "contact" ("tenant_id", "email");
CREATE TABLE IF NOT EXISTS "contact_purpose_state" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "purpose" VARCHAR(64) NOT NULL,
    "consent" VARCHAR(16),
    "consent_at" TIMESTAMP,
    "explicit" INT NOT NULL,
    "objected" INT NOT NULL,
    "basis_state" VARCHAR(16) NOT NULL,
    "contact_id" INT NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_contact_pur_tenant__a67a14" UNIQUE ("tenant_id", "contact_id", "purpose")
);
CREATE INDEX IF NOT EXISTS "idx_contact_pur_tenant__c0ec53" ON "contact_purpose_state" ("tenant_id", "purpose", "basis_state");
CREATE TABLE IF NOT EXISTS "financial_record" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "occurred_at" TIMESTAMP NOT NULL,
    "status" VARCHAR(32),
    "description" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "contact_id" INT REFERENCES "contact" ("id") ON DELETE SET NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_financial_r_tenant__40d7ba" ON "financial_record" ("tenant_id", "contact_id", "occurred_at", "id");
CREATE INDEX IF NOT EXISTS "idx_financial_r_tenant__d1f8c6" ON "financial_record" ("tenant_id", "occurred_at", "id");
CREATE TABLE IF NOT EXISTS "interaction" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "occurred_at" TIMESTAMP NOT NULL,
    "direction" VARCHAR(16),
    "participants_count" INT,
    "subject" VARCHAR(500),
    "content" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "contact_id" INT NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_interaction_tenant__8bbae6" ON "interaction" ("tenant_id", "contact_id", "occurred_at", "id");
CREATE INDEX IF NOT EXISTS "idx_interaction_tenant__c966a7" ON "interaction" ("tenant_id", "occurred_at", "id");
CREATE TABLE IF NOT EXISTS "policy_rule" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "ptype" VARCHAR(8) NOT NULL,
    "v0" VARCHAR(128) NOT NULL,
    "v1" VARCHAR(128) NOT NULL,
    "v2" VARCHAR(128) NOT NULL,
    "v3" VARCHAR(128) NOT NULL,
    "v4" VARCHAR(128) NOT NULL,
    "v5" VARCHAR(128) NOT NULL,
    "tenant_id" INT REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* One Casbin policy line (`p`, `g`, `g2`, ...) stored in the database: role assignments of users */;
CREATE INDEX IF NOT EXISTS "idx_policy_rule_tenant__dd0c3f" ON "policy_rule" ("tenant_id", "ptype");
CREATE TABLE IF NOT EXISTS "subscription" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "topic" VARCHAR(64) NOT NULL,
    "subscribed" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "contact_id" INT NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_subscriptio_tenant__d84a8b" UNIQUE ("tenant_id", "contact_id", "topic")
);
CREATE INDEX IF NOT EXISTS "idx_subscriptio_tenant__657227" ON "subscription" ("tenant_id", "topic", "subscribed");
CREATE TABLE IF NOT EXISTS "subscription_topic" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "topic" VARCHAR(64) NOT NULL,
    "opt_out" INT NOT NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_subscriptio_tenant__4a5f14" UNIQUE ("tenant_id", "topic")
);
CREATE TABLE IF NOT EXISTS "app_user" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "password_hash" VARCHAR(200) NOT NULL,
    "is_active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_app_user_tenant__3c7965" UNIQUE ("tenant_id", "email")
);
CREATE TABLE IF NOT EXISTS "consent_record" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "purpose" VARCHAR(64) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "explicit" INT NOT NULL,
    "source" VARCHAR(200) NOT NULL,
    "evidence" TEXT,
    "captured_at" TIMESTAMP NOT NULL,
    "contact_id" INT NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE,
    "recorded_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_consent_rec_tenant__d40a66" ON "consent_record" ("tenant_id", "contact_id", "purpose", "captured_at");
CREATE TABLE IF NOT EXISTS "objection" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "purpose" VARCHAR(64) NOT NULL,
    "source" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "contact_id" INT NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE,
    "recorded_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_objection_tenant__b0e54e" ON "objection" ("tenant_id", "contact_id", "purpose");
CREATE TABLE IF NOT EXISTS "session" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
) /* A login session. The bearer token itself is never stored: only its HMAC-SHA256 under the */;
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztnWtzm7gax78K41fdGTfbOHG20zmzM06anGabxJ3E3bOzl6Eylh1tMFAk3GZ2+92PJM"
    "DcBEGOsUHVm14kPYB/EuJ5/rr901u6M2jjgzPXwdAht9By/VnvjfFPzwFLSP8hLtA3esDz"
    "kmyWQMDU5hZWWNT0k7JTTHxgEZo7BzaGNGkGseUjjyDXoalOYNss0bVoQeQskqTAQZ8DaB"
    "J3Ack99GnGH3/RZOTM4FeI2X//6BHoAIewG9FbE3Yf+k8v8D0XQ54KPBL4cGYC0vuLWXsP"
    "5hxBO/tDEX9Unm6SR4+nXTrkghdkDzc1LdcOlk5S2Hsk966zLo3Ch1hAB/qAQHZ54gfs17"
    "IfE+GJAYQ/LCkS/qKUzQzOQWCTFJ2pmaT1TPNmPDHvziem2ZPgySqH1gV9VMx//YI9wsvB"
    "4fFPx6+PTo5f0yL8MdcpP30Lb52ACQ05nptJ7xvPBwSEJXiVJFBTtZAle3YPfDHalEmOL3"
    "3wPN+YZhXgOCEhnDTCXSBegq+mDZ0Fuaf/PTmu4Pnr6Pbs3ej2xcnxD+yGLn1nwlfqJsoZ"
    "8CyGPEGMCSABliGcWCgI+PCkBuDDk1LALCsLGH71bGQhUkR86ro2BI6Yctosx3lK7ZoCvU"
    "5pgHQF2dPx+IpdeYnxZ5snXE5yiD9en55T9Jw8LYQITPchqQbtBr4l1WUkFgo26MGrVzVa"
    "NC1V2qR5Xq5Nr9AMOiLKE/i15JuXttmIc/RhawvmCqqT898mmdYcw3xxPfqNc14+RjlX45"
    "v/xsVT8M+uxqc55mk3pID9LcVG0BKK0edMc/Rnke1B/I8Otvmqyri8Pr+bjK4/ZGrk7Why"
    "znIGmdqIU1/kO/j1RYz/XU7eGey/xu/jm3OO08Vk4fM7JuUmv/fYM4GAuKbjfjHBLM0kTo"
    "6TshUdeqGmlEeZNXras+xAnW7HuUy4hgEFfQumj3Jsi4Yb8W1Z/7VtvGEYJUc2Y6MbbUSV"
    "xZjzB2FAlMSqWcIXrg/RwnkPHznoS/pMQPytjQLyyfpCHQP8LW5DcWryZvngyzowzzYt+v"
    "vpr4ahy3g2ujsbvT3viTrdLZA9S66kKNrst+Zptqn+cwt8P2LYXW/xSbbFb02GL30M4+bj"
    "1VWPdxJTYD18Af7MzPQWLMcduLmUddli1nKwzKcAByw4JPZr2LPnGrdY4ovbfaW4ty60VV"
    "UvLePREAT6DrBNH85Dxa5M7/Mha0CRW0xx07Lp/MCbVebbABOTYxBmwyVAtpYMdysZZiq/"
    "gLdcBMjbqRCi5qStwes62tbgdbm4xfJyUWnmFZIKSjOWCsaktC8Hs7FjP0YNoyMxatSGK0"
    "PUbMcoU+tZS13rbal1gTIRPX1S63Pkp753dTvWrJV63WojAmvGs6hLOmO0Oym71+suZ8td"
    "esARhCXllFMmujHXgvy3OzUJIrZUY84YadD1hmV4wCHj9MYGCgIe1hkqp6XKAQ8Lg+UehS"
    "Q3GyE2UA/w9qciUE+EOiuCuQjlg4opExUI73pM0aPBLvTZyKB1DxwHSnUeQmMVaiHbzo8G"
    "Ndr50aC0nbOsMupzH9Jf7FhSDkiJuSb/NHl6H0j7CyLoY365G9+UKG9po3zEiixi/GvYCD"
    "cm+Pf+Mw8ci5E0pgGyCXLwAbvfz0253RXQGaTqTijf3/SzUSi7QL4TYo0Y+XAJHVG9lPf9"
    "eTsVXoBdfwCmAUYO/YCG1CQ6oYKhCvR34KJ7gU+/lhhu2PULrTX6WuipjxIA21wxmlJtvW"
    "CogdcTVxCRU1ai8hpvTe0qcIgvqV2tTRSEXAdxOeCiBEsQCWaCnuLCdkGJT5I2yhGeM6vu"
    "Ma6A+nb88fTq3Phwe352eXcZeYbrAQueyZKSydq356OrPGXXWWyAOW2lOdfgzFRrSNsmWk"
    "HTcQmU8rSFxip0ILt2tzF08IZ1IDDVNbCJ4uVaNGyhj2SymN6n8TsUTMOpXJpTeg29Tkdi"
    "nQ5FgjeaQpAx3MIMgg69Ee2eMFCcJ6LnhPf0nPD2TK6tMSe8fFptZq44FouVp5HlxftbyE"
    "IB+jNKaReWxCsCPS93sdXYJlszLPJ3JIGxucMfwkvesSuqim2OaEO1ELCfiewivk7tVtbO"
    "j2E1LT5AA/gQyTN5XSZXUrVpudO/4TZQjePrqAoKB9P1xZ/J6i51KZVw7WClSaa3L191kv"
    "8oPLkCxcx8mbhJY+tRBNvKVK1KSe1gMgUY4egR9ToSvfWMWvO9Ij9abgBjbaKC+tX03jPx"
    "XlobrM7JWGqVpc0qi95haLfKZehCS8vGaTPNW4J32guS+FbkzBT8JDfywdB7z+jNUVpMVQ"
    "vhenOUNqOtsznKfvbuyIvBAjVFoBeXKylrkXrPW/W6lhX4fsU2HYICWkvZpZbyQH+WjOcW"
    "l9cuWw2XDSzZpE5BfA8ttAR2yZTmtVE+tA+tDiLrDvKumkh3fnZ5Pbp6cfi6P8hFHTH64+"
    "I0W9Z3SM7TT9so2IiP6qzLKl+WlSec659lZKqcqYL7iagkVO18r/GWiY5NL29MP1YBcvnU"
    "0pyZCqR3Pa1Ub4NV3ui7uSFSnW2w9qWWtexl02JZW6lqsez7EMta1iFsQSvb90a36ZmAAq"
    "EsN1GwXCRDuYJaH9P6mNbHdqmPaXXhO1EXZshPZiTXfZUyRipEvk2/Th7wCbKQR78d2LTE"
    "0nPpB0FsrGMgwSlmAZ8tJKWVJSbqNeRhrR00hhU7aAxFO2hQ70zUgKuWwq9NVICsdbLWVI"
    "XWyfSsMi2UaaGsfYAVEsq6ira9s8qSdaACmSyzSLRcJHMzxfZ42rvWvfQau31GOQ0c796J"
    "07Bp34B6OyHczE6MOqrRUY2OavQ5zV3Aq4PGbVHVQaMOGtuMtk7QqM9pVvKc5g+ujazH24"
    "AjLoTlqdx+VVzu8XKmHxd8KjLvjR1onAE8RY4R2ho2okkvPnmf+sanBf9jQP88ODj4wcCE"
    "NqmZQcvSYN1gQeIUYPjG8F0bGgBj2tr42R6GOzcC2pj4s6VrsOHb/Uk7ppnhQf9l2EcZjA"
    "M+MCbUnJ/E8pJei6fR264gu/In/hgI4h/D5zmw8OrTQa8vK014/F3SasRu1QjOpsC1QouI"
    "DRRUIuocFV1+UHThmOjVKxmwYWnlTjBt5ADu1aEU2UNNtjbZgRTZgSZbm+yRFNkjTbY22W"
    "MpsseabG2yQymyQ022Ltn9CFItizuV06NaxneLctR+Ivo7duKIeJQ9zupXxfI4VejJOH5k"
    "2O6CxrORURTzQuBD3yDuA3QMRDC05wbChgNXNDWMrt8YrmM/skzj3fXo7OXdu9FgeGIEtM"
    "59FnYXIvimbvSnQyN4XhxaPiR9A7sGWAf9hg3Bg/HIwRuOS8N9Rim8ITZY1A/oc7kPgcfu"
    "6zostuet1oCfA2Aj8lgzptcB/C4DeF5/5j3A9zKf6qzVdj7Z+8Xc9La9erT7Oxzthl89RK"
    "+2yXlNGUsFa70jtVxrEZUPV7Q/3OTlzlrqHaPbXMt6DsD2/JGEKhs1kmOastBE2xjFtg1w"
    "Q7MqgmisfjdD/l2FmnpbW6UMpE8XEskDudOHKjSCfMldHIlDXA9ZlQfihCX66+ebQr1Dxc"
    "5D66gK6kfVkYGCY+MNzNJPGnaBceWZElnDHZ4qETfuzh4qEXizDVWMrKWC8WxHVQxB5FM4"
    "1E/P2deTyttNVYc/elJ5m9G2dyVyOs6ZcPfziWBoEvuo9SIic+3TNhcXiYMhHevoWEeZWM"
    "f1iOkGsocVpqx0lFM/ytF+mfbLWuQ8tHZ2VURe4DAkdVLuJSQNoNHNS7QbsEs3ANvBQsYL"
    "iMvrGURPugD8bwm0cXkF/Su9H4nWNjPl5GZoFbyS8s9n4VR4wUFMp5HlxftbaIOSbZETqY"
    "NdJTkpsmMtocxnESlDz0elmCokFNWjvbnCI7e3g+xDeMm7+BBvFfHlz1F9JjnBGa4qUksd"
    "rPFMYLmzPFSEtd5g8ZmoMvs5qggqtePFM1Fl99jo5FTXalTRkp1nYkqtXVKxPaXHD55LKj"
    "c5S0VcXEnfIqf1CI+KsNZ74mzOSrEJm9+alAg5K4FAGDMslwdpjhnPsG1u6BAuAbL10OFe"
    "NcOwDgpcy5WttYGK0tawjnBIS5VLW8OCdOgBjL/QsEZ6mWfBUEXiTYiJCJssOFoJFNvKEd"
    "uMnR6zrT9mq9Xb8uaulnqrR+r1SH1LXOf+NkfqC0MN21E2ZUccuqiq7EOp6yInrT7tIQQe"
    "QR9Z9z1BEBzl9CvD4KSMniXTpQ9qvyLiXUE/foPqRmIpExVjsOGwVtQ7rIh6h/kYjL1UEo"
    "Sj4grSPawV4R5WRLiHEsfA/nI3vilfEiY+BnaGLGL8a9gId9g9FMFlMDKxVOE82PzRr/1s"
    "kMQucCryz3c55fPb/wHQ/zLK"
)
