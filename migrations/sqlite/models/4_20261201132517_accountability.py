from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "subprocessor_register" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" INT NOT NULL UNIQUE,
    "digest" VARCHAR(64) NOT NULL,
    "recorded_at" TIMESTAMP NOT NULL,
    "entries" JSON NOT NULL,
    "changes" JSON NOT NULL
) /* One version of the sub-processor register file, as first seen by a starting server or command: */;
        CREATE TABLE IF NOT EXISTS "incident" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "opened_at" TIMESTAMP NOT NULL,
    "scope" JSON,
    "scope_attached_at" TIMESTAMP,
    "controller_notified_at" TIMESTAMP,
    "closed_at" TIMESTAMP,
    "opened_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* A security incident handled for a tenant (GDPR Art. 33(2)): opened, its breach scope */;
CREATE INDEX IF NOT EXISTS "idx_incident_tenant__6f733c" ON "incident" ("tenant_id", "opened_at");
        CREATE TABLE IF NOT EXISTS "retention_rule" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "max_age_days" INT,
    "updated_at" TIMESTAMP NOT NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_retention_r_tenant__e92c23" UNIQUE ("tenant_id", "category")
) /* A tenant's maximum age for one data category, overriding the documented default */;
        CREATE TABLE IF NOT EXISTS "subprocessor_ack" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "acknowledged_at" TIMESTAMP NOT NULL,
    "acknowledged_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    "version_id" INT NOT NULL REFERENCES "subprocessor_register" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_subprocesso_tenant__e9ba6e" UNIQUE ("tenant_id", "version_id")
) /* A tenant (the controller) acknowledged a version of the register. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "subprocessor_register";
        DROP TABLE IF EXISTS "incident";
        DROP TABLE IF EXISTS "retention_rule";
        DROP TABLE IF EXISTS "subprocessor_ack";"""


MODELS_STATE = (
    "eJztXX9v2zjS/iqE/9kUcLON07S53uGAJE23ea9tiiR7d7jLwaEl2uYbmdSKUtLg3v3u75"
    "CSrN+2ZFu2zCWw6LYSh5KfociZZ4bD//Zm3CaOODxz6R1/JKz3Af23x/CMwF8K9/qoh103"
    "uSMv+HjkqMbYpUN/3mwkfA9bPtwYY0cQuGQTYXnU9SmXD+mdIRd7PiPeTwIpsQ9oxANmwz"
    "8QZwT5hGHmIxxeERZ3iUCMo2dqEw/5U8wQ9QWiQgSqD49Opr44lA+3uQVPp2zS4nPu2d2U"
    "IEEsj/hwE4kpf2bQoUX+DH86L0ro89ezi9e3n88GJ+8QPFL1J4W8J/hrStbnHrHVqweM/h"
    "YQwHFCoKkHP+Df/4HLFIR/ECH/+e9e+MayNXSAfWIPsd/7j2zmPg7HlDh2RonUlk3V9aH/"
    "4qprV8z/pBpKtEZDizvBjCWN3Rd/ytm8NQ2fNiGAonweXPO9QOqUBY4T6T9Wc/gLkibhq6"
    "dkbDLGgSNHhpQOXyC51hsOv13fDW8v74bDXmHUxBIpBUeXLM7kiINXFerXT+QrvB4cvX3/"
    "9vT43dtTaKJec37l/e/hoxNgQkEFz7e73u/qPvZx2EJhn4Cq/l+A9WKKvXJc4/Y5ZOGV88"
    "jGOC6CNr6QYJt8ZNsAd4Z/DB3CJv5UIvrmzQIo/352c/H57OYAWr2Sj+QwK4Tzxbfo1iC8"
    "J/FO8HU9MqY/miCcSGiI8fGgBsTHg0qE5a0swGoqHE6xmDYBOSu1GaB3O09kYH73tgbM79"
    "5Wwixv5cZx4LlcEFEE+X9ur79VjOSUTA5im1o++j/kUFGYkTc1pnt/GQfMkjiiUUAdnzJx"
    "KJ/3115LKlgAucRI9jwT4jcnDfXB17N/5rVw8eX6XEHGhT/xVC+qg/OcSiwAbMI92kwpWS"
    "mjlo2rBasf10gnKRGjkM1/J4lxWdDJR7jj0xmp+FYyknnVRKKH8V/2cXGGH2hfg5UfrVYL"
    "VHN39fXy9u7s6/eMfj6e3V3KOwN19SV39eBdTmfzTtA/ru4+I/lP9K/rb5d5Nc7b3f2rJ9"
    "8JBz4fMv48xHZqYY2vxqhltO5g4Q8DsZLe87Ib0Hz0yl1R/J4oOsZkoabJD5dCdyvoOSup"
    "4fetk5o98gRG+yqfc1bSfMxd1rKip+zh6GXYjO7JiS0nfvbg690M95NylRXf1gzYjIxBNU"
    "JVcpTjx1JCLSE1swh/4h6hE/Y38qKAvoJ3wswq49Iisvpu3tGeAfx7PIbiq8mM6eHnObGb"
    "HVrw++FXEz/kbc5uL84+XvbKZ4YNYPurIPvIpdVFNj8bloMrB/EIW4/P2LOHmdEs7/ABz1"
    "2Zty3emg1m+SuY4YlCSP4U+eJxDCawqX/5RNTLFyM0yd3+whiNbDck84ZLozTXjCDuSmVL"
    "Rxf+g78LzrCDJDXeRzSMjoRj8ieBrCnge4jOXJcw+7UMhPwZPUi+8AFZ/AlkZQSkEKNp5S"
    "n3TP3OMLIzJcgFe4byQCB1GXqRAoiPw5gM4Bn130eCIwI4wcv1kRoA8DfEPeQR7tlEvvQ9"
    "G4EL+KieE71NRfQmHa4R5LcwTlMRzpFhnD5KX3HhYRZ1sRPfbhTlOaeTP0qg50+DwfHx+8"
    "Gb43enJ2/fvz85fTNfn4q3Fi1U51e/yLUqY8gtDwc1N66N77QHVnXm86sfiEoJaRiLai1I"
    "0gjkRGQliDvmiraN8HxxbYJxRkjDgdxK4Bqe6INFBRZks/BSVsyEM1oM+w094gceIyUWU5"
    "34X0bcKKpNRdmE0ZXVlAgbJW1eSeBbNpzgbBM6b0kZDplgB6alMfFIxN/UXeNLRPWzp1pZ"
    "6KUzXwB6kccdCehEBm/F684kBT41TlnLCGloxW7eWWiKsAG3AbgmmNQzwaTuhDxqBJN2GO"
    "/4THCW5S7c7C+PdkzjdkuDHXJHByPPRPhhjEAGBwi2poXAw1f+RGw0eom2c2CHeDJGIf8F"
    "j2AiTEyUm0d8dVv0CyGPFp91z6iMelhT7qUCFNAjYTY6EDyJacibMmkrfAW5yQXu+cSCYY"
    "58zl/V3JJSGZToyGTXhQBFaztRum+HvtHKCDXW0Yato8I63mTBWb7mXzNyx+GP1lf8nc4y"
    "ba3366/h32HVgTdfnLqQaVRjTXfD9k0yGc5YtNB6xJJhfFgKLT6bUV8udiMyBtNQJRl4RL"
    "iAIiyMZOy/QqPAR4z76EVu1WTJcvqhNJGhjYfcs7lJEC3/MzAJYLGWbX2OHlJJHQ/omfpT"
    "9QiY5lXqg5x/oPWMOg4V8FbMFrDm+8STaRVgKsBbeGHahcxtQAeqt59D48N9+aCeWdcQSK"
    "cuwBAz2QomW6HjC5rJVjDZCiZboWMIm2wFk63wBw/pmWyF/VOUyVborJJMtkJ3lGGyFXaw"
    "0HeEid810Cbs2C7Aex92vJCsHPNvFH3XK6Ersw36i6hKK2w69JK2y1jKaqAbFoYLDXQ1wh"
    "Lf08Iu2IKmXtwOonQ7IA26Nje0zRrApOoHJVZeNcKJhIYAH72rAfBRnq9MAJa3sgCTH65D"
    "LVqywJ1z7hDMylFOi+VwHoFcW0DPr2zXZD6/vv6SMZnPr3L8/Ldfv55fAvQKeWhE/YpIs+"
    "CB18w+TiQ0HNCt2MXkidrlXsgd+VGx5qVldHA/FsVALv95t9gBnIdAvlx/+yVunvcK85RJ"
    "YoYUYF9SWSwragJSnQ5IJTRxA4syK2TczpKFIU4uaFzupyi4Er4dm79MvZ+uomq4ku3X+0"
    "m5/msie5H0pCm02bVmObap+XMD+NasptSx2bYutsW1JoMvvAb69uuXLzsk+vyQiSuj+OJx"
    "v5DcmzfaKKuXpvHABSEeC0MeCysHZSvuytS7bB2hwLUX3leVW+MzCoq3yQxTx1CG26UMM8"
    "ovwFtNAuTldHBRc9TW4LQOtzU4rSa35D1T7rou+vqWu85OjE20npU0Wu+K1kuYiejtE62P"
    "qZda7+pOrFkp/abVVgjWjGVRO88Drwv0aqk3vf3F2eIzF7MSt6Qa5ZSIGcy1QP5fPhr61H"
    "caDeaMkAG6XlhGORxNjN5YQEOAT+qEyqFVNcAnxU0MAFKzbIRYQD+AN5+KAJYIGCsluQjV"
    "QcWUiA4Ibzum6KqkUBkZtKaYMdJwD1SJsA5aaPsQwQS4sUfgFzOrkQFSIW6QX448PIfAfO"
    "E3ymrPCJnM9sWT0AqZ7XIQU4/MZC2VJnN/Xk6HD2DbC8AoEJTBAhqi1mASKgjqgP42TugN"
    "PFgtBVlx6i+VNtDXgh5slAA7wyeJZqOxXhA0gNcjV6jfjFmJ2ht4a3JXAfO9htzVXERDkO"
    "tAXA1wkYL1qR/YJTPFJ4fjCpskLZRDeCyl9g/jBaB+vP71/Msl+n5zeXF1exVZhvOAhbop"
    "LyXJ2jeXZ1/yKHM2WQHmtJTBuQbOkrUmMDbpExky7pft6622tEuFdZhAtm1uC8LEijooET"
    "UaWIXx4ha4LbIKmvTpPSqrdhb1sHBrTmUfZp9Og306AMlq52VnBM35ut1JGCjmiZic8J7J"
    "Ce9Ocu1a++czueKinKw8jyQ//e2GOFVltaq2xGsCetbsnGI2KTN0GiIlk4YvVF+6IhXtWx"
    "/K3dUbAux72OWt7FFX2BQPWhrQaQIYGBz4Nhj9L7Hge1Qd7q3dsBgumwrL4SLw1h1iH+cd"
    "6TqyxhQWC4tiZ02kPsX91J7p93FgqSBpeKjCmnhdJT3pOrS4mmnWh+o67kdXoEQwmne+Jl"
    "a3qa50gmsLu70iw6t6z1dimS3d+TW0krZLi8//Y8pR2N5Gz/KkFs4QRlFPfVWn/XlK2AdZ"
    "N96nY2qpMSDQAXdsdZeRZ/SEHVjQkUs8pH72K3mnlwO9xUfds5gkkikckUF8iC49LFfP8F"
    "QZEJo/LDzDRjYKq9LLsvZRx/DXFzSFJ65QWD618y76naae1dY3pz1SVgJrdbwubq9hXZrN"
    "F1qq9DUXFCxNRLaf2LUbDrGdSrHJjFJAf8kuwIyk2Q/WFXq3zi7A/ai0BTYJ7W1lSmsnyy"
    "P6QJoWrSnImZo1xRiUKbVkagF1G1UT9zG1gLoMbdNaQMmytAF49S4FVFjBu1gJKBNjqmaI"
    "8qGo5TxRJh5Wiy6qVsCSekElZb8XVQ1KVZgeYUFF9IqGSjGlwXdJqGx+P26U59AE4pSIDt"
    "mJrVNW0VkHK/AmGUmTBdflLDhTAX67maVheLVxWm9azODdAO+0FdRgrciJabgkt7JgGMLK"
    "EFYdRtUQVoaw6jK0dQir3TAqJUmoJYRKeapqNZ+iHGgRCgy9lMTS7JszFDVHAajUQ798/H"
    "6Dzjz/EB2d3AeDN0fHg6M+igtWo9GLSlUJh65Mn5H/coknOPtJoBGZYmes8lYyeTdtPaRZ"
    "ckxypJUNQjIvJlvJOf7ADMdj0mV0MSX34+C33vX3y2+9PYUYpi1Cn1bKi8mJapgYoxPDE6"
    "0aDXWcSBn1dlq98mwAJgAAMKCwCPPH6+7bL5PVgRrf9sZ9udtotQzDtKAhyrv8nXkk2s+y"
    "wndWJmu+sxW+sx0xjB2DfdMEI3fh5zfP4syLGWgNd2u4204TjHvA3XZsQtgAdZtkw5VOuh"
    "tAV+9cw/w606lUw1StgTJCPFOJYAERnm23lP7+rlhl7CBJT6JImtgRT/3gkAl2hrIynkPl"
    "yHnoJ9s11T2kyrTLE88R9RFm4hn+ZRcZ8Bafs/IO0flbmD2iWye9Q4XPldqEoC0R1ZAKb6"
    "cuN7yARV3c8ASMlJCGSG8+pRTWGW9eqKEuzBkhHXz6bWwbBDAm3KMN90NnpMxZF4vZlRU2"
    "SmcW1oJiloQLcrIaBg003ixtMvcM+9NtVA3788dgf/YV2u5m7kW1nM4dbj32SiiKzP3+Ip"
    "KChC2Ho3nTpTwFDBFioykWUyLQweevZxevbz+fDU7evUJ8jDBDYb3sVHkpdeqnKloVH3qf"
    "cAh9JHgqqa7AVrT6tHtmYca4D9IzgqRu4KbHg8lU9kxnLpeJgV/oGAzDCcJIoYSoUM+Nds"
    "ukkgWxPaMMwVusQIY8kpeh/JWG/dhyyl+MewHaBWl/KRnjhdfZ2Almtr9aMkVG0ngg++SB"
    "ODBvrqT0jKDJoOlyBk2kqqZpBnkxk2ZgHE3jaHbaG2roaM6/cBMKXwJsfi7sVCg8X0y+xN"
    "ksqTdf7W/Oi9wPvaT1Rgvt1As4c8sK1JHmoZEByOd2YJU0MI6Z2Yu1E4ds8xuF8EwezFpi"
    "lxOLzrBTjnAilLfJQ6nDSHoP8V6A78fLi6uvZ18Ojk77g1xlihj6t8VoqJw7Gp61nZbRcB"
    "Af1xjDx5VD+LgQ2M/Oz03cy5yohqSCTh7m1reNdsyMzH1FdQ6dPq4+dfq4cOx0+rUKIFdv"
    "f8mJ6YD01ne+GFb0D8iKmv1Ohi3rNKqGLftjpGV0bELY6Kac3ZBlV8yiNmGlZZTm9/qL6D"
    "GablWjYJIg4MpQ/wXFgmiKme0QG425h3Bct+ggqXJ0fHwwePXqAwo34PQR9QUawWprTZGw"
    "4GIvp6xWHnLPsA9KnMp7MhtD6tTjjkM8xLg87UzeCHNPD9GdrL9EfYeoxAsEw5fA8JFZGx"
    "i5DraIeg03vatlhfyLaEOS2X6ybZ5PqbaJezcX0JAkaSU1PxnaDd2MjKCGXsaeeBX1aJJ4"
    "8q679WIusNaui24aEVvbXqFAHMaL2QqfWGkHJuWly19aYqwMY2NltXr6Fb0Y7Xda+6YslP"
    "Y6NrVzDE3XeVQNTbd9ms7Ud9GivgvMNEQya+FvL6Hqktv9xWxdtqHJYzP8lslj22Yem8kC"
    "+oOY5Db1iFWeo1L9KWWEdMhQaftzcrHnU1lgCJ4HOJamiFYuCOXCxgkqOkHR6ShNhnJKRL"
    "+BfFIr6nGyIOpxUlKQCIyk0sNEq3PaUiI6gGzy2TqjCpPPZuoMGabMMGXdA1ijhLZ9hba7"
    "dYa+8AllF9KUV5xUgSnL3O8vosoc2TL0CqKmS7PbPmEqc8yUpJD5XeiRvKADbKlekEw9s2"
    "1Yx8QrVexnTEHF6Bl0zZ/7KHySjWh4Yp9kZ0ZYECR4L6e7tp5zz/wp9hF5It4LeubeI3Qs"
    "5aew/CIBhj4RiDOCsM9n1Ao7gqcG/vTnECyHzqgvDt2XV1XpbP+WlWjkvfBt5NHGXpS/lm"
    "EOi7cN/bfF+kKN2D+i6/6/0zo+3mm1i3da8PAyw7qA8TmdVA7evKROptKfBoPj4/eDN8fv"
    "Tk/evn9/cvpmPqSLtxaN7fOrX+TwzqijaKZOYY5qMG3EzbeH+JsOTxwFy3Q3y/z1KDrKqm"
    "yNT24uXOB5ptkOImFu4IFnS8z6tt31LYa9wRqXEtFwndt89TzBA6/ZuQyJxBYPzsUu7W0F"
    "4Xbq1xvy0pCXhrzcEHkZl8RtnENZFDQBRMMNG2640wSm4YZ3yg1XTLwbwFfvHNXiWtOpLN"
    "Xv3KHWy02gIC645am7/UV+uavaDb244VLa/ZoRdIHFiDIUyiKHwqWDB/ehjx4m6o8B/Hl4"
    "ePgKCR+GVIH9/oA87hCEhYDRNiOgFlmrP4DBJArse7uPu2eScneJ9zrapC5xEOGecnXg02"
    "voS12Dxz4R2fODeg1KxM/h+xxa4ulhhQ3lrvqWDBuxXTZCYVPAdQEXEQtoyESc1iHcq/n2"
    "vIf89KYJsGHrLdIP2+EejgZ1UIVW1VmXgyKyR42QPTLI1kZ20AjZgUG2NrLHjZA9NsjWRv"
    "ZtI2TfGmRrI3vSCNkTg2xdZHdDSHXM79SOj+oYvhuko3bj0d8Qub0AfnWVU59t0F/k13tx"
    "0wau/VlUqu0ngWBKoLNghuBFVfk0mYkmvSoUncj80kf8iXgeteXJd8rb5lYgnWvwv2PN5r"
    "S26f7vWZyEh0fUof7Lz/MfLbPi/owe5MQGTxja+EU8KLQ/oEfi+uiZwsAPfKRy6KrT51KJ"
    "BNFrFbLnjP++Tf99roYG63RaRkMvfvMVv9NfTYMxnBczS3YxMBe49opZBFlJk0XQlSyCGK"
    "NUGkH09ru2fjunYN3M364BvPf27y0RoiLLNL610OYVqUY1jF21jQJFQlHMh2CPeMjnj4TJ"
    "qsTEGcuqwkzu0oiiSx/AVnVeVMni1GnTKACde9JQLbF623nQPRPEU82JBYavOroaJztMHI"
    "If0YsCHjGOAiFRCh8o1EYTDO/FHwNXPlea39GoReS3AEtrumZMyxjA2zSAlf4aH0idldqM"
    "EbxbmM2B1MZO23i2J/nhUuhtBa1nJTXU+p5oucQaL6rZI08wH67ycWclTZHWLmvZOF2bs0"
    "dSBAbYnM0wTUkYRI0bu7Os4iDKVd1Oyuu+gpr6WjvFDAQj1+MWeNDcO7MeYc53iD0hs4rD"
    "lBY17y9kEFKCQ3jzZnEzdJA9rOgVwsnDpcMN3rqkAGT6qWzpkQkVPvEOKyNla/W4JKQViZ"
    "qI1k4d+rQ+V7BIS8SN99FpuzSjsabb38qFTaTNbIHbDqrRmtEM1qyQwdU4ATtzAmKbZ31k"
    "0ybmTWR1/T3pXVO4s5/ycrxz69X2/K+OrW518S1f3zu17XDRwF/iipV8JzVdsdivqeePyT"
    "2DOccIens9727uJqExdUAeC/iLJ8vuEcLQ6AX8KlX6S6YeRjFWELL4DECxPxSctXYfd89k"
    "BNimEyL8PnqeqngxeoZO4v2p4fm54Nt6lISh3WdZWdCaYiadxLHHZ+ql4ncckTF8dSa820"
    "FvkAWzURlNVQlsIrAZu0oDdNOHQsiPpkmgPJHQMFN082Hy+Q75VUJpGVFDWnSatIgWl6KS"
    "q88PTomsdYLwHqm1lSOEw2W8EfQpke1D3/vLOGCq0mNYQYEycSif99feHiuk4KtX296ZY1"
    "wywYQSHZ5HXXz62w1xcMVRRPWCGvv5GRU8ot9b9l3SL1vmrCT3l3kn2ZYbrWhaUcLU5y61"
    "Sup3J43DFv35+42IOc9v6xmakQrqJ2dGAsbkrFPsNBnYxdmUc4dgVg5zVjCH9Qgk2wI7Ht"
    "zbXfrOr6+/ZJa+86v8EU2/fj2/vDk4UuBDIxryS2bTkv7JsHU2LZnSpyYw2W1UTQDN1Obs"
    "MrTdPbcp7efcKfNziTN0F9uo9Tyi4dymbc8vKneGjK9jfB1tfB3u+kMelJ1dtMjRSUkZL6"
    "e+l2PsMmOXdch46Owm/Qj5EoMh0Um1lZAMgFbPgDJmwDbNAOEEkyZWQNzebERfagKo/zeA"
    "Nm6voX1ljnUy3Gam3eob/aNDDyqzgRedDVqU1easyi0fDQpfkC3LNWJnNU2Uyxtt1NfGSm"
    "kN2KXDsIxQiboa5DOcufROdrOHU2Nl8kIm9z2wqT8kT/LAkTWRkj1dPmmW6FHEyiVMlnvd"
    "HGbfww61hk7eXR+ui7CXG5WVqTFUkpBfHyrNAhelcd/KvMMVsLpQfemOWHRusTw23t8QcN"
    "/DLm9lj7rCp2gFEajzwYcegRcX636i4Lnh27DHm7BDbcGjwnK4CLx1B9zHeUe6QgU/SP68"
    "4cjha+fiXoZ9ncuudMVrTBlmlvSuwr0aa0L2Ke5ObxuDwm+017fHrqJu9IXJJ5L9h77XRm"
    "rek65gcbWSrQ/VddyPrkClDjNdE6rs8al6bDbPbd1Lnw+zJlqFc2l0HFxR/e51d/EkNcq1"
    "BMnseVofwXnn66OX2aSkI1wqo2yDOM0zHXUEa37E9upYaVb/stl2wzxhPSV4kVt0zcgdhz"
    "9qstWfoTeNrI2GeUVqYJVkFcUDrjqnCO4M4+qu7eUbkxmmjsk33mmiUaiDAq7V6TBzAR3z"
    "YU7qZBtBq+p8mJNCvpGLhXjmMPE1PWKkIKgj4m1kIFExlOzFU0ma18I074ycSfSun+htUr"
    "6qh7u+KV8mvX9TC7RJ7991en968RABTEgmHat2nsxmgllN02X2xWfrTCLIPgLWlUSGfcRu"
    "h8H5fYRr+1HmfURpF3HTfcTJRLb2LbK1L6OszY2oZ8SjlqRlCpRxdKe/kDRO2piNqNsaJ2"
    "3zw5XbiKp5y+qdQ1owlicntTjikwUc8UmesZQfVQOEo+YaontUiw8+WsAHH5XsSAVPiZSR"
    "KAvq/SYiptRye5V9N7+Y/f7/TLfb/A=="
)
