from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_pending_event" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "at" TIMESTAMPTZ NOT NULL,
    "principal" VARCHAR(64) NOT NULL,
    "purpose" VARCHAR(64),
    "operation" VARCHAR(200) NOT NULL,
    "contact_ids" JSONB NOT NULL,
    "categories_returned" JSONB NOT NULL,
    "categories_denied" JSONB NOT NULL,
    "codes" JSONB NOT NULL,
    "legal_reference" VARCHAR(200),
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_audit_pendi_tenant__801a63" ON "audit_pending_event" ("tenant_id", "id");
COMMENT ON TABLE "audit_pending_event" IS 'An event recorded (committed before its response left) but not yet in the chain: the';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "audit_pending_event";"""


MODELS_STATE = (
    "eJztXX9v27rV/iqE/7kp4GaN07RZNwxw0vQ2u0kcJO67iy2DQsuMzUUmdUXJabD1u78kJV"
    "m/Zcm2bJklUKSJyENJDynynOccHv63M6NjZLHDvo2H9BmRzifw3w6BM8R/yZR1QQfadlQi"
    "LrhwZMnK0MaGu6g2Yq4DTZcXPEGLIX5pjJjpYNvFVNyk0wc2dFyCnF8YkGKfwIh6ZMz/AJ"
    "Qg4CICiQugf4WZ1EYMEApe8Bg5wJ1CArDLAGbMk204eDJ12aG4+Zia/O6YTBq8zwMZThFg"
    "yHSQywsBm9IXwhs00V/4T+tVCn297p+/vf/a7518APyWsj0h5Mz5rzFZlzpoLB/dI/gPD3"
    "EcJ4hXdfgL/Ovf/DLmwt8RE3/+q+M/sajNG4AuGhvQ7fxbVLOfjSeMrHGiE/FYVJXXDffV"
    "ltcuiftFVhRojQyTWt6MRJXtV3dKyaI29u82QRxFcT9+zXU80afEs6yg/8Nu9t8gquI/ek"
    "xmjJ6gZ4mRIaT9B4iudQzjZjA07i+GhtHJjJpQItbBwSWTEjHi+KMy+fYT8Qhve0fvP74/"
    "Pf7w/pRXkY+5uPLxh3/rCBhfUMJzM+z8kOXQhX4NiX0Eqvw/A+v5FDr5uIb1U8jyR04jG+"
    "JYBm14IcI2+si2Ae4MfjcsRCbuVCD67l0JlP/Xvzv/2r874LXeiFtSPiv488VNUNTzywTe"
    "Eb62g57w9zoIRxIKYnzcqwDxca8QYVGUBFhOhcYUsmkdkJNSmwF6t/NEAuYP7yvA/OF9Ic"
    "yiKDWOPcemDLEsyH+/H9wUjOSYTAriMTZd8D9gYZaZkTc1pjt/ffKIKXAEIw9bLibsUNzv"
    "b52GuqAEcoGRaHnG2B9WHOqD6/7v6V44vxqcScgocyeObEU2cJbqEpMDNqEOrtcpSSndLR"
    "vvFihfrlafxER0h2z+O4mUy0yffOYlLp6hgm8lIZnumkD0MPxlHxdn/oLjAdfyg9WqpGuG"
    "l9cX98P+9W2ifz73hxeipCevvqauHnxI9dmiEfCPy+FXIP4E/xzcXKS7cVFv+M+OeCboud"
    "Qg9MWA49jCGl4NUUv0ugWZa3hspX5Py26g54NHbkvH70lHh5iU9jT6bmPe3Ar9nJRU8PtW"
    "qZsdNOdK+yqfc1JSf8xt7mVJT42N0atRj+5JiS0nfvbg690M9xMzlSXfVg/YhIxGNUBVcJ"
    "RPz7mEWkRqJhH+Qh2EJ+Q39CqBvuTPBImZx6UFZPVw0dCeAfwjHEPh1WjGdODLgthNDi3+"
    "/vytkevzNv378/7ni07+zLABbL8xtI9cWlVk07NhPrhiEI+g+fwCnbGRGM2ihPZo6sqibr"
    "Zo1pulr0ACJxIh8SriwUMfjDfG7sUcyYfPemii0m6pj0bUM9Ci4lIvzYAgQG3R2cLQ5f/4"
    "74wSaAFBjXcB9r0j/pj8hQFzyvE9BH3bRmT8VjhC/gIeBV/4CEw657LCA5Lx0TRylwci39"
    "P37EwRsLk+g6nHgLzMWxECgD75PhmOZ9B+FzAKEMeJP1wXyAHAfwPUAQ6izhiJh34gI24C"
    "Psv7BE9T4L2Ju2sY+sP30xS4c4QbpwviV2x+MxPb0AqLa3l5zvDkZ3H0/LnXOz7+2Ht3/O"
    "H05P3Hjyen7xbrU7aobKE6u/xVrFUJRW65O6i+cq1tpz3QqhOfX3VHVExIQV9UY06SWiBH"
    "IitB3DJTtGmEF4trHYwTQgoO5EYc1/yOLteouAZZz72UFNPujAbdfoaDXM8hKEdjquL/S4"
    "jrjmqyo8aI4JW7KRLWnbT5TuK2Zc0Jbqxd5w11hoUm0OLT0hNyUMDfVF3jc0TV06caWeiF"
    "MZ8BusziDgRUIoO3YnUnggLntUPWEkIKarGbNxbqIqzBrQGudiZ1tDOpPS6PCs6kHfo7vi"
    "KYZLkzhd3l3o5pWG+ps0Ps6CDoBTHX9xEI5wCC5jTjeLimczQGo9dgOwe0kCN8FOIvfgvC"
    "/MBEsXnElcWsm3F5NHivB4KF18OcUifmoOAtIjIGB4xGPg1RKIK2/EcQm1x4mYtMPsyBS+"
    "mbiltSCp0SLZns2uCgaGwnSvv10HdKKaFaO9qwdpRZx+ssOMvX/AFBQ8p/NL7i73SWaWq9"
    "X38Nv+WrDn/y8tCFRKUKa7rt168TydAnwULrIFO48flSaNLZDLtisRuhJ64ayiADBzGbo8"
    "gXRvTkvgEjzwWEuuBVbNUk0XL6KTeQoYmbPJCFShAs/zOuEvDFWtR1KXiMBXU8ghfsTuUt"
    "+DQvQx/E/MNrz7BlYcafiowZX/Nd5IiwCq4q8Kdw/LALEdsADmRrf/KVD/v1k7xnVUUgHr"
    "rAh5iOVtDRCi1f0HS0go5W0NEKLUNYRyvoaIWf3KWnoxX2r6N0tEJrO0lHK7SnM3S0wg4W"
    "+pYw8bsGWrsdmwV4792O54KVI+6dpO86OXRlskK3jKo0/aqGE9VdxlIWA10zMZyvoMsRFt"
    "meJrS5Lqjzxe3AS7cD0qBtc0PTrAGfVF0vR8srRjiSUBDgow8VAD5K85URwKIoCTD6blvY"
    "xDkL3BmlFoIkH+W4WArnEZdrCujFle2qzGeDwVVCZT67TPHzN9+uzy449BJ5Xgm7BZ5mRj"
    "2nnn4cSSg4oBvRi9Ecj/OtkCH6XrDmxWVUMD/KfCAXvw/LDcCFC+RqcPNrWD1tFaYpk0gN"
    "ycC+JLNYUlQ7pFrtkIpo4hoaZVJIm505C0MYXFA73U9WcCV8WzZ/6Xw/bUVVcyXbz/cTM/"
    "3XRPY8aklRaJNrzXJsY/PnBvCtmE2pZbNtVWyza00CX/4Y4Obb1dUOiT7XZ+LyKL5w3JeS"
    "e4tKG2X14jQeN0GQQ3yXR2nmoGTGXRF6l8wj5Nnj0nKZuTU8oyBbjGYQW5oy3C5lmOj8DL"
    "zFJEBaTgUTNUVt9U6rcFu902JyS5TpdNdV0Vc33XVyYqzT60lJ3ett6fUcZiJ4+qjXn7AT"
    "W++qTqxJKfWm1UYI1oRmUTnOA64L9GqhN539xdmkMxuSHLOkGOWYiB7MlUD+Dx0ZLnatWo"
    "M5IaSBruaWkQZHHaU3FFAQ4JMqrnJeqxjgk+wmBg5SvWiEUEA9gDcfisA1Ea6s5MQiFDsV"
    "YyIqILxtn6Itg0KFZ9CcQkJQzT1QOcIq9ELThwhGwD05iL8xMWspIAXiGvnlyPP7ID5fuL"
    "Wi2hNCOrK9fBJaIbJdDGLsoJnIpVJn7k/LqfABbHsBGHkME76A+qjVmIQygiqgv40Tej2H"
    "r5YMrTj150pr6CtBz3UUD1rGXKBZa6xnBDXg1cgV7NZjVoL6Gt6K3JVHXKcmd7UQURDkKh"
    "AXA5ylYF3seuOcmeKLRWGBThIXSiH8JKT2D+MSUD8Pvp1dXYDbu4vzy/vLQDNcOCxkobgU"
    "BWvfXfSv0ihTMlkB5riUxrkCzoK1Rnxs4jkyCHXz9vUWa9q5wipMINtWtxkibMU+yBHVPb"
    "AK40VNbraILGjCpnewyNqZ7YfSrTmFbeh9OjX26XBIVjsvOyGoz9dtT8BANk5Ex4R3dEx4"
    "e4Jr19o/n4gVZ/lk5Vkg+eW3O2QVpdUq2hKvCOhJtXMKySRP0amJlAgaPpdtqYpUsG/dEL"
    "urNwTYrd/kvWhRVdgkD5rr0KkDGFc44L03+g8y+fcoG9xbvaEcrjFmpkWZ56w7xD4vGlJ1"
    "ZD1hvliYGFprIvUlbKfyTL+PA0s6Sf1DFdbE6zJqSdWhReVMsz5Ug7AdVYFi3mjR+JpY3c"
    "eaUgmuLez2ChSv4j1fkWa2dOeXYUZ1lyaf/8eUAr/+GLyIk1ooARAELXVlnvaXKSKfRN54"
    "Fz9hU44BBg6oNZalBL2AObT4gg5s5AD52m9ESScFeoO3eiAhSSRCOAKF+BBcOFCsnv6pMl"
    "xocTP/DBtRyc9KL9LaBw3zX1/BlN9xhcTysZ13wXvqfFZb35z2jEkOrMX+urC+gnlpNp9o"
    "qdDWLElYGolsP7BrNxxiM5lioxklg/6SXYAJSb0frC30bpVdgPuRaYvrJLizlSmtmSiP4A"
    "Opm7QmI6dz1mR9UDrVks4F1G5Utd9H5wJqM7R1cwFFy9IG4FU7FVBmBW9jJqCEj6mYIUq7"
    "opbzRAl/WCW6qLgDluQLykn7XZY1KJZhegQZZsEjaipFpwbfJaGy+f24QZxDHYhjIipEJz"
    "ZOWQVnHazAmyQkdRRcm6PgdAb47UaW+u7V2mG9cTGNdw2841pQjbUiJabgktzIgqEJK01Y"
    "tRhVTVhpwqrN0FYhrHbDqOQEoeYQKvmhqsV8ijSgmS9gODGJpdE3fRBUBx7vUgf8+vn2Dv"
    "Qd9xAcnTx4vXdHx72jLggTVoPRqwxV8YeuCJ8Rf9nIYZT8wsAITaH1JONWEnE3Td2kXnBM"
    "dKTVmAuJuJhkJufwA9Mcjw6XUUWV3I+D3zqD24ubzp5CzKcthOcrxcWkRBUMjFGJ4QlWjZ"
    "p9HEnp7m1194qzAQjjAHAFCjI/frzqvv08WRWo8W1v3Be7jVaLMIwLaqK8zd+Zg4L9LCt8"
    "Z3my+jtb4TvbEcPYMtg3TTBSm79+/SjOtJiGVnO3mrttNcG4B9xtyyaEDVC3UTRc7qS7AX"
    "TVjjVMrzOtCjWM5RrII8QTmQhKiPBkvaX0961klaEFBD0JAmk0DnjqRwtNoGWIzHgWFiPn"
    "sRtt15RlQKZpFyeeA+wCSNgL/2ucZcAbvM/KO0QXT6H3iG6d9PY7fNGpdQjaHFEFqfBm8n"
    "LzBzCxDWuegBETUhDpzYeU8nXGWSRqqApzQkgFm34b2wY5GBPq4Jr7oRNS+qyLcnZlhY3S"
    "iYU10zFL3AUpWQWdBgpvltaRe5r9aTeqmv35OdiffYW2vZF7QS6nM4uaz50ciiJR3i0jKZ"
    "Bf0xgtqi7lKfgQQWMwhWyKGDj4et0/f3v/td87+fAG0CcACfDzZcfSS8lTP2XSqvDQ+4hD"
    "6AJGY0F1Gbai0bs9EBMSQl0uPUNA9A0vdKg3mYqW8cymIjDwCj9xxXACIJAoAczkfYPdMr"
    "FgQTieYQL4U6xAhjyjV0O8pWY/thzyF+KegbYk7C8mo63wKhs7uZrtrhZMkZDUFsg+WSAW"
    "nzdX6vSEoI6gaXMETdBVdcMM0mI6zEAbmtrQbLU1VNPQXHzh2hW+BNj0XNgqV3g6mXyOsZ"
    "mTb77Y3lwkuTecqPZGE+1UczhT0/Tkkea+ksGRT+3AyqmgDTO9F2snBtnmNwrBmTiYNUcv"
    "RyaeQSsf4UgorZP7UoeB9B7iXYLv54vzy+v+1cHRabeXykwRQv8+6w0Vc0fNs7bjMgoO4u"
    "MKY/i4cAgfZxz7yfm5jnmZElWQVFDJwtz6ttGWqZGpr6jKodPHxadOH2eOnY4/Vgbk4u0v"
    "KTEVkN76zhfNiv6ErKje76TZslajqtmynyMso2UTwkY35eyGLIufJJhDlKUOGiwmyXCqou"
    "bHND+m+bFt8mOaXfhJ2IUxdqITTat+SgkhFSzfpj8nGzouFhuX+P04jrnUc+GCkC+sbaCs"
    "DRRkXazFlUUi6g3kk0obnU5KNjqd5Gx04kpS7iEFxVxZTEQFkDVP1pqu0DyZ3r+kiTJNlL"
    "UPYIWIsn2Ftr37lwajIHdeJ4cmiwq7ZSQZTVTbAUWWOLpN8176HLYdWTmb366jz9neRsIM"
    "bdVoq0ZbNRuyasI9uLV3ImUFNbOojUZtNLbastFGY2vOV4/NnxvAV+2dXtm1plXhK7fUwu"
    "brnSchzpjlsdJumV1uy3qGE1Zcmk9kQBA4h2yECfBlgYX5pYNH+7ELHifyR4//PDw8fAOY"
    "y4fUGGD/IC5hJI4gQ5+AQy0EIGN8tM0Q7xaRHMTjg8k/YyueUKTZ2z0QkXjERs7b4MgwgQ"
    "M7BEMuLjPMveVtyWv8tnMkWn6Uj4ER+5P/PIcmmz+ukEHElt+SZiO2y0ZIbDK4lnARoYCC"
    "TMRpBSv5tNBGPk1byPN3dYD1a2+RftgO93DUq4Iqr1UcjtHLIntUC9kjjWxlZHu1kO1pZC"
    "sje1wL2WONbGVk39dC9r1GtjKyJ7WQPdHIVkV2N4RUy+xO5fioluG7QTpqNxb9PWKswMse"
    "FnXLbHkWq1Th+G6LTrg9GwgFNi+CDnKAS58RAdhlyHoS+TMJmvOrvnX9CVBivYpCEEvvGR"
    "xHwu3ejAXf1I0eCLfgZXVkOsiVuULhwugHFoLP4FUCDwjl5r5Ayb8hk+lGIX8u+uzZ4r6U"
    "CNtejlqA/vCghd3Xija9NuC3acDL/qudATQptZkle7cw6wyg2tu9cW83+m5j3toKvZ6UVL"
    "DX96SXK22ictCcz4ernTofl9SpXtvcyzoGYHP6SISq8BrVwzQmoRFtoxXbNoAbiqrwAl/9"
    "dlz++wpq7GttFTPgjeKvnaUH4uXdUo4gXXOjofgFsfcutbHp+7oLvOF+je7i+UZIZ6jYum"
    "kddEF1qzoQUNA33kCUfjSwMxifUWohSAqC9ROCKaxHXLIpsMPBvV1F+2wwuEro2GeX6U3H"
    "367PLu4OjlLpXXOUNXu8IouRlFTQnt1TFiPH8gmeXsfs66DyfUFVmz86qLzN0LZ3J3Lczh"
    "lK9XOJMTQMddRqFpGx0Gmbs4vyjSFt62hbRxlbh9quQb2cybbU0IlJaSunupWj9TKtl7VI"
    "eWhtdFWAfI7CEPVJsZYQDYBGk5doNWCbagCzvEkdLSCsryOIlqoA8v8a0Ib1FdSvdD4SzW"
    "0m6tWL0MpoJcXLZ+zEOBsbfqxrjhIeyH757Q5ZsCAxcrA09m08FM3s4TAoUlgSnxH0xtg1"
    "0FzsCl4TKdHSxRwppdzlYGUjMuZNbQ6zW79BpaETpevDde63Eh3cqihUgnxcHyrFSNpcH5"
    "c5hWSCNoPVuWxLdcSC5IKGOHVwQ8Dd+k3eixZVhU+aUEH2ecNB/MHZup8o11Lhvd/ind+g"
    "suBhZlqUec66A+7zoiFVoeIvJF7PGFnUfF4TrQu/rTPRlKp4pQ9oXxOynMPhVUQNRyd2rQ"
    "nYZfLsLxXBWmRuXhOqRKJoFYGKpdJaE6pk8q693ENTDlWwF3hNmGKbolUcT/HAhHWRSkV9"
    "qwiXdNFvEKdF6IiKYC2S7a2OlWI7QX7U8j2mWbEpgmW614CgIeU/KlJiX3lrCs38NR21cm"
    "DluGnDAVfspOUlRrjPqbkALjSD2NIBXDv13Pp9kMG12L+4EFDRwXhSxX3LaxU7GE8yDlwb"
    "MvbCbcDayTYygioi3oRLFzNDWJLzHL95adxcQk5HzlWPnNM+9OLhrpYPXcdL6njJlmjD3U"
    "3GS8YXD+bxCUnHfFR2xm+GMa/rk98Xm6013uZ9BKwt3tJ9xG6HHsB9hGsX3pl9xEl7HDZB"
    "e9Zk8vrIwea0k8PlBSXdUjYvqqO3XOyTXdAtIe7myAm/oKqEUkxERSrp5KQSeXdSQt6dpK"
    "kk8VHVQDioriC6R5WIuqMSou4oZ+8FV2FRnnX79/vBTXF+kUAkzRZh0wX/Axbe5/i3PHAF"
    "GAlKKMT04Lr/exru86vBWZrrEQ2c5dEM29w/+OP/AcaT4c4="
)
