from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "contact_key" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "wrapped" BLOB NOT NULL,
    "tenant_key_version" INT NOT NULL,
    "contact_id" INT NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_contact_key_contact_0396f8" UNIQUE ("contact_id")
) /* A contact's data key, wrapped by version `tenant_key_version` of its tenant's key. Erasure */;
CREATE INDEX IF NOT EXISTS "idx_contact_key_tenant__3adfa3" ON "contact_key" ("tenant_id", "tenant_key_version");
        CREATE TABLE IF NOT EXISTS "encrypted_category" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "opted_in_at" TIMESTAMP NOT NULL,
    "opted_in_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_encrypted_c_tenant__ee6bac" UNIQUE ("tenant_id", "category")
) /* A category a tenant opted into encryption at rest (encryptCategory), beyond `sensitive`. */;
        CREATE TABLE IF NOT EXISTS "tenant_key" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" INT NOT NULL,
    "state" VARCHAR(8) NOT NULL,
    "wrapped" BLOB NOT NULL,
    "master_key_id" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "tenant_id" INT NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_tenant_key_tenant__c37f66" UNIQUE ("tenant_id", "version")
) /* One version of a tenant's key, wrapped (AES-256-GCM) by the master key `master_key_id`. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "tenant_key";
        DROP TABLE IF EXISTS "encrypted_category";
        DROP TABLE IF EXISTS "contact_key";"""


MODELS_STATE = (
    "eJztXWtz2zbW/isYfak9o7ixHDvedGdnZMdpvHXsjO3ubrfekSkSsrCmQJYg7Wj27X9/D8"
    "D7VaQkShSCmU6akDgg9RwQOPfzv97MMrDJDoY2ubeeMe19QP/rUW2G4S+5e33U02w7vsMv"
    "uNrYFIM1m4zcaNiYuY6mu3BjopkMwyUDM90htkss/pDeENma41Ls/MCQIPuAxpZHDfgHsi"
    "hGLqYadZHmX2G6ZWOGqIVeiYEd5E41iojLEGHME3M45GnqsgP+cMPS4emEPrX4nAd6P8WI"
    "Yd3BLtxEbGq9UphQxz/Bn+ZcEH3+Mjx/c/d5ODg+QfBIMR8ncl7grwla13KwIV7do+QPDw"
    "OOTxiGOvADfv8PXCZA/A0z/s/fe/4b89EwgeZiY6S5vf/wYfbzaEKwaaSYSAw+VFwfuXNb"
    "XLuk7icxkKM1HumW6c1oPNieu1OLRqOJ/7QnDCjy58E11/E4T6lnmgH/Qzb7vyAe4r96gs"
    "bAE80z+crg1P4LxNd6o9H1zf3o7uJ+NOrlVk1IkWBwcEm3KF9x8KpM/Pon/gpvBofv3r87"
    "PTp5dwpDxGtGV97/6T86BsYnFPBc3/f+FPc1V/NHCOxjUMX/c7CeTzWnGNdwfAZZeOUssi"
    "GOVdCGF2Js449sE+DOtG8jE9Mnd8oRffu2Asp/DG/PPw9v92DUPn+kBbuCv19cB7cG/j2O"
    "d4yv7eAJ+dYE4ZhCQoyPBjUgPhqUIsxvpQEWW+FoqrFpE5DTVOsBerv7RArmk3c1YD55Vw"
    "ozv5VZx55jWwyzPMh/v7u5LlnJCZoMxAbRXfR/yCQstyOva033/jrxqM5xRGOPmC6h7IA/"
    "72+9llhQATnHiM88Y+wPMwn13pfhv7JcOL+6OROQWcx9csQsYoKzDEt0AOzJckgzpqSpFF"
    "vWzhZN/LhGPEmQKIas/zuJhcscTz7CHZfMcMm3kqLMsiYgPQj/souHM/xA4wak/OC0qmDN"
    "/eWXi7v74ZevKf58HN5f8DsDcXWeubp3kuFZNAn65+X9Z8T/if59c32RZWM07v7fPf5Omu"
    "daI2q9jjQjcbCGV0PUUlw3NeaOPLYU37O0a+B88MpdYfyOMDrEpJLT+JtNYLol+JymlPD7"
    "lonNDn4BoX2ZzzlNqT7mLnNZmKeM0Xg+ambuyZAtNvzswNe7HttPQlUW9rZmwKZoFKoBqt"
    "xGOXkuNKjFRs00wp8sB5Mn+gueC6Av4Z00qhfZ0gJj9X000Y4B/Ge4hsKr8Y7paK+RYTe9"
    "tOD3w6/Grm+3Gd6dDz9e9Ip3hjVg+yvDu2hLq4tsdjcsBpcv4rGmP79qjjFKrWZ+xxpYmS"
    "vR2Pyt2WCWvaJR7UkgxH8Kf/HQB+MZxL14weLl8x6a+G6/0kfDx41wNHChl+aGYmTZnNlc"
    "0YX/4O/MopqJuGm8j4jvHfHX5A8M6VPA9wANbRtT4w13hPyEHrm98BHp1gvQcg9IzkfTyl"
    "MeqPidvmdnipEN8gyxPIbEZZiFEyBr4vtkAM9g/j5iFsKAE7xcH4kFAH9DloMcbDkG5i/9"
    "QMegAj6L5wRvU+K9SbprGP7D99OUuHO4G6ePkldseJhObM0Mbzfy8pyRp+/F0fOXweDo6P"
    "3g7dHJ6fG79++PT99G51P+VtVBdXb5Mz+rUoLcYndQc+Fa6U47IFWnPr/6jqgEkYS+qNac"
    "JI1AjkmWgrhjqmjbCEeHaxOMU0QSLuRWHNfwRBckKpAgm7mX0mTKndGi22/kYNdzKC6QmO"
    "r4/1LkilFtMsrAlCzNpphYMWn9TALdsuEGZyjXeUvMMPGTZsK2NMEODuw3dc/4AlL55KlW"
    "DnquzOeArtK4AwKZjMEb0bpTQYEvjUPWUkQSSrHrVxaaIqzAbQCucib1lDOpOy6PGs6kLf"
    "o7PmMtbeXO3ewv9nZMw3ELnR08o4PiV8xc30fAnQNY06c5x8MX6wUbaDwP0jk0EzvcR8H/"
    "BY+gzA9M5MkjrrjN+jmXR4vPeqCEez30qeUkHBQwI6YG2mNW7NPgN3nQlv8KPMkF7rlYh2"
    "WOXMvar5mSUuqU6Mhm1wUHRWuZKN2XQ99KJYQq6WjN0lHuHG9y4Cw+828ovrfgj9ZP/K3u"
    "Mm2d96uf4V/h1IE3rw5dSA2qcabb/vgmkQxDGhy0Dta5Gx+OQt2azYjLD7sxnoBoKIIMHM"
    "xsQBEORjxx99HYcxG1XDTnqZo0Pk4/FAYytPGQBxqJBMHxPwORAA5rPta10GMiqOMRvRJ3"
    "Kh4B27wIfeD7D4yeEdMkDN6KGgzOfBc7PKwCRAV4C8cPu+CxDWhPzPajL3zY8w/imXUFgW"
    "ToAiwxFa2gohU6fqCpaAUVraCiFTqGsIpWUNEK37lLT0Ur7B6jVLRCZ5mkohW6wwwVrbCF"
    "g74jlvhtA63cju0CvPNux3NulaPurTDf9QrMlekB/SpTpe4PHTnx2EVWynKgGxaG8wV0sc"
    "Ji3VPXbJAFVb24LXjptmA06Nre0LbVADZV1yuQ8soRjikkBPjwpAbAh1l7ZQwwv5UGGH+z"
    "TaKTggPuzLJMrNFilJNkGZzHQNcW0NGVzYrMZzc3VymR+ewyY5+//vXL2QVAL5CHQcQt8T"
    "Qzy3OayccxhYQLuhW5GL8Qo1gLucffSs68JI0M6keVD+TiX/fVCmDkArm6uf45HJ7VCrMm"
    "k1gMycG+oLJYmlQ5pDrtkIrNxA0kyjSRUjsLDoYwuKBxuZ884VL4dmz/UvV+uoqqspVsvt"
    "5PQvVfEdnzeCZJoU2fNYuxTeyfa8C3ZjWlju22dbHNnzUpfOE10PWvV1dbNPS5viWuyMQX"
    "rvtK4140aK1WvaQZD1QQ7FDf5VFZOShdcZeH3qXrCHm2UXlfVG4NexTkb+OZRkxlMtysyT"
    "DF/By85UaALJ0MKmrGtDU4rWPbGpyWG7f4PVXuui768pa7Tm+MTbieplRc7wrXCywTwdvH"
    "XJ8QJ3He1d1Y01TybautGFhTkkXtOA9tVaCXC73p7S7OujWzNVqglpSjnCBRi7kWyP+1xi"
    "OXuGajxZwiUkDXc8sIhaOJ0BsSSAjwcR1XOYwqB/g4n8QAIDWLRggJ5AN4/aEIIImAsFIQ"
    "i1DuVEyQyIDwpn2KtggK5Z5BfapRihvmQBUQy8CFtpsIxsBNHAy/mOqNBJAScoX8YuThOR"
    "j2C7dRVHuKSEW2V29CS0S280VMHDzjtVSa7P1ZOhk+gE0fAGOPEQoHqI9ag00oRygD+pvo"
    "0Os5cFoyvOTWX0itoK8FPcgonmaOXjiajdZ6jlABXs+4QtxmlpVgvIK3pu3Ko67T0HYVkU"
    "gIch2IywHOm2Bd4npGwU7xybS0EpkkSZRBeMKpdg/jClA/3vx6dnWBvt5enF/eXQaSYeSw"
    "EDf5pThY+/ZieJVF2aJPS8CcpFI418CZW60xrE3ygkfUcovyessl7UJiGTaQTYvbDFO2JA"
    "8KSBUHlrF4WTqoLbwKGtfpHcKrdub5UJmaUzqHytNpkKcDkCzXLztFqPrrdidgIB8nomLC"
    "eyomvDvBtSvlz6dixVmxsfIsoPz0yy02y8pqlaXESwJ6WuycavSpSNBpiBQPGj4Xc0mLVB"
    "BU/4zn64ELvntZsQpy/Ec8E31Ni+urP+Udn1FW2ITNuND51QQwEM60O2/8X6zD3iUm3FkZ"
    "qxougzDdtJjnrLrEPkYTybqyJgQOVp1o5opIfQrnqX0q7uLCEg5lvwHFinhdxjPJurQssd"
    "OsDtVNOI+sQDFvHE2+IlZ3ialkgmsDmXGBkFqeHxdLsQuz5EZ6PHZhof5/Ti3kjzfQK+9q"
    "Y1GkoWCmvqhp/zrF9AOvse+SCdHFGmBozzINcZfiV/SimXCgIxs7SPzsfX6nlwG9xUc90N"
    "CgxsNdAuXhAF04Gj89/Q48QBQ9zO/3wwf5Ffx5C4BgYvjrHE3hiUsU4U9kKQa/U9X+2ngi"
    "3zOhBbCW+zbD8RLW8Fl/UapSvbyiuGtMsvkguO3YW9upqhvvKDn0F2RMpihV7lxXTOF1Mi"
    "Z3oyoZyCSkt5EtrZ2ImOADaVrgJ0en6vvk/XWqLJWqm9RtVJWPTNVN6jK0TesmxcfSGuCV"
    "u2xS7gTvYtUk7pErNwwF/rrFVqHnYODi3o0JMwlXsxFQ9tGrA4/weyO/YIdxQ8tj8NHD/V"
    "Fw7ZF3VuYNEaMuinAzssTkTELtPeqBhlYf4qI93ZnbrvWGTR1s8FaW+x9450hnDo+353we"
    "0QQyNg4Re4odF39z0Rjr1gxm8ShXMjimZYah36NNrap2VP53KAPRZg1EweoqMHUTqjnzYn"
    "ATRNlovXngS97N06cwWi8wSUT6MShPZ5fXw9vfikMozwpMGGe/3V8Mi0XW5NpvLLtmiJUQ"
    "q1SujeGqVK51oapULqVydRnaOirXVnWCVNxZuXKQDU9brCWkYuRq6Qvl4C+ot5pYkGH3nS"
    "rJOdGhZ6wxwoJXVNKzaq20TSfr+usZBXHiTSBOkMiQ3dW6GzvoFbeELzVFqbKIupxFpDpo"
    "bTYzzw+5bJwWmSRTeDfAOykFNTgrMmQSHsmtHBjKoqIsKh1GVVlUlEWly9B216JSkJhWYF"
    "ApTl8rt6cIBZr5BCMnQVHD/RoMRx6w1EE/f/x6i4aOe4AOjx+8wdvDo8FhH4UNf7iTlDsv"
    "/aXLQ+r5v2zsMIv+wNAYTzVzclDgeG3nIc0C5uOWwAYQ8Vj5dCeclENV2XhUCL0EouRuNM"
    "7u3Xy9uO7tKMSwbWHyslSsfIZUwmB5mSw8wanRkMcxlWJvp9nLe6tRHukBApTGiqJFKtqG"
    "F9DKYBqv4m8r7cNNa7lyWylCZSjv8nfm4CDHfYnvrIhWfWdLfGdbsjB2DPZ1GxgtG35+88"
    "yuLJmCVtlule220wbGHbDddmxDWIPpNs6QKdx014Cu3PlH2XOmU+lHifpjRQbxVHWyCkN4"
    "etxC8/dXYVXWTD8fKKDGRmCnfjTxk2aOeGVxk/CV89iPS7iIe0i0ucJwi2f+aJS9wr+MvA"
    "W8xecsXTUmegtVN2bjRm+f4RFTmxhoC0glNIW309cIXkAnttawg2CCSEKk1x9SCueMExVv"
    "qwtzikgGnX4TpUQAjCfLIQ1rJKWoVK/AauvKEsWTUgdrjjEL3AUZWgmdBhIXUFKRe8r602"
    "1UlfXn+7D+7Cq03Y3cu6Cirgc2zn35qbBMSn5Qv8pcgcPhIz05vk7RlGA80qI4OT4PAmQt"
    "FEzLJSzNRbxaLdoLroXvtd9HYzy3qIEeo6Zdj0WRe+09aFHCZohINk1TWSo2aalILszaCY"
    "IJGgk15vW3fBef1IjQJRSGDKnSF3ZJX4iY19xlnCVUTmOlNii1odOybUO1IfGNK9fmQtdm"
    "dj/slHMzKBN4Zlr6c69IbUjer9YY/JGjcTR0obIAawTk9anGppihvc9fhudv7j4PB8cn+7"
    "wWoUaR36s0UZEQzzRiiiYYPLDVoUn/Yx8xK5GQk9MYWn3aA9U1Si0X8TKJiPMGbjqW9zTl"
    "M5OZbfGkoisyceFtQGMRKCHCxHODTPtEopFmzAhoLrq7hCOVl4bjv1J5TjecLhTi3kAfSd"
    "JIqI+0UBQGRG53uUDsFKXSRnZJGzFh31yK6SlCFX3f5ej7gFVN9c0smdI2lbaptM1Oq0QN"
    "tc3oC1e65gJgs3thpzTNbHPaAmWzoH9tub4ZNc0dOfHotRbprBesaum65ziRkAHIZ6o3FA"
    "xQipmq47AVhWz9RQa0meUVHXsfsU5mmlmMcEyUlcl9qoOAegfxrsD348X55Zfh1d7haX+Q"
    "qWoXQv8uH0nJ9w6qN/NyJmgkXMRHdZyc5T7OnIszvT83cnGmSSU0KsikYW685EzHxMi2Yw"
    "WSr5UDuTx1PkMmA9Ibz5pXVtHv0CqqaiUoa1mnUVXWsu8jpLtjG8JaE/q3Yyy7pDoxMC0s"
    "wRrd61eZx0hyVI2wbYZBlSHuHIWEaKpRw8QGmlhOHGK9F1dIPTraG+zvf0B+8n5f9KAcw2"
    "mrTxHT4WIvw6xWHvJANReYOOX3wuaVjmWa2EHUcgnADTf8vLUDdM9rtxLXxCLwAsHyxbB8"
    "eNSGhmxT07F4DTuZEb9E/EVQzEClrm/azidY20S9iwgkNJK0ktYbL+2GakaKUEItY0e0in"
    "pmknDzTjO4PG07IlgpY7ubQkQRR1tJzRYgjsLDbIlPrHACFfLS5S8tFlZGobCyXC+uklkU"
    "9zvNfVVSVnoeq7qbykzXeVSVmW4bKVSqNmQ9YDtdGxJ2Gswta/5vLzDVxbf71da69EAVx6"
    "bsWyqObZNxbCoK6DsRyQ3iYL04RqX8U0oRyRCh0vbnZGuOS3hxUnge4FgYIlp6IBQTKyUo"
    "rwQFnRWbLOUEiXwL+biW1+O4wutxXFDMFIQkXLSAy2PaEiQygKzi2TrDChXPtvZ4ts6xWF"
    "nKOoqqspR9HwFtuwptd2uUXllPhJ5zUV7YpHKWstT9fpWpzOQjfa0gGLowuu2TRniMmaBk"
    "PL4LPeM52tN0MQvioWeGAecY2xfFfiYEWIxegdfWax/5T+JlRUWAGbfOjDWGEbN6Gd619Z"
    "wH6k41F+EX7MzRq+U8w8ScfgrHL2Ig6GOGLIqR5lozovsTwVM9d/qjD5ZJZsRlB/Z8v7y8"
    "Kbwpv+e/zQg+JcfN1Tf9veC2Mv9tsL5QI+sfljX/77SOjndaruKd5jS81LLOYXxGnkoXb5"
    "ZSJlHpL4PB0dH7wdujk9Pjd+/fH5++jZZ0/lbV2j67/Jkv7xQ78mLqFPaoBttGOHxziL/t"
    "8MaRk0y3c8zfjIM2uEVnfHyz8oC3UsO24AmzPQc0W6zOt82ebyHsDc64BImE59z6q+cxy3"
    "Oa9XSLKTYHMOwNpLcRhNvpfaWMl8p4qYyXazJehiVxG8dQ5gmVA1HZhpVtuNMGTGUb3qpt"
    "uGTjXQO+cseo5s+aTkWpfrVMos9vPQFxTi1P3O1X6eW2GDdywoELze43FKNzjY0JRT4tMg"
    "lc2nu0H/vo8Un8MYA/Dw4O9hFzYUnlrN8fkGOZGGmMwWqbYWALr9XvwWJiOet7u497oNzk"
    "bmPnTZCkznFgfk65aBb7BuYS1+CxL5jP/Cheg2D2o/8+Bzp7KW0wVmGasMW3pKwRm7VGCG"
    "xyuFbYIkICCS0Rp3UM7uX29qyG/PK2CbD+6A2aHzZjezgc1EEVRpVHXQ7yyB42QvZQIVsb"
    "2UEjZAcK2drIHjVC9kghWxvZd42QfaeQrY3scSNkjxWydZHdjkGqY3qndPaojuG7RnPUdj"
    "T6W8zTC+BXlyn16QH9Kr3eCYc2UO2HQam2HxiCLYHMvBmCFxXl03gkGteqov7cfWS9YMch"
    "Bu98J7RtS/e4cg36d8jZDNfWPf8DDYPwtDExiTv/MfrRPCruJ/TINzZ4wsjQ5uxRoP0BPW"
    "PbRa8EFr7nIhFDp7qDd2qL61fo76o7+AYqfie/mgZrOEumjuy8Y86zjSWjCNKUKoqgK1EE"
    "IUaJMILg7bct/XaOwbKJv10DeOfl3zvMWEmUaXirUuZliUE1hF2RRoECosDngzUHO8i1nj"
    "HlVYmxOeFVhSnP0gi8Sx9AVjXnomRxots08oDnDhdUC6Tedh70QBl2xHCsg+ArWldrcYaJ"
    "ibVnNBfAI2ohj3GU/AcykWiiwXtZz57Nn8vF72DVIvyHp3FpuqZPSwnAmxSABf8aN6ROU6"
    "1HCN4uzKohtZLT1h7tib/ZBGZbgutpSgm5viNcLpDG82x28Avsh8t83GlKVaS1y1xWStf6"
    "5JGEAQNkzmaYJigUokqN3VpUsRfEqm4m5HVXQU18rZ2yDHhj27F00KAtZ6g/w55vYuMJz0"
    "qaKVUN71daEBKEI3jzZn4ztJduVrSPtPjhXOEGbZ2bAHj4KR/p4CfCXOwclHrKVppxgUsr"
    "IFUera0q9El+LiGRFpAr7aPTcmmKY03T34qJladNpcBtBtXgzGgGa5pI4aqUgK0pAaHMsz"
    "qySRHzNpC6/hHPLinc6U95Md6Z82pz+lfHTre6+Baf751KO6xa+AtUsYLvpKYqFuo19fQx"
    "njOYUYxgtjfRdJGahCbEBHqNwV8cXnYPY4rGc9CrROkvHnoY+FiBSLdmAIrxIaestfu4B8"
    "o9wAZ5wszto9ep8BejV5gkzE/1++eCbusQ7Lt2X3llQX2qUa4kThxrJl4qfMcxnsBXp9y7"
    "HdQGqTcbF5mpSoGNCdYjV0mAbrIpBP9omjjKYwoJI0XX7yaPMuSXcaWlSJXRotNGi+BwyT"
    "O5vH9wgmSlDsI7xNZWWgj7x3gj6BMkm4e+99eJR0WlR7+CAqHsgD/vb70dZkhOVy+XvVNt"
    "XFLOhAIengVTfPrlFptaSSuiek6N3fyMchrRny3rLsmXLVJW4vuLtJP0yLVWNC0pYepaNt"
    "EL6nfHg/0R/ej9xlj189t4hGbAgvrBmQGBEjnrFDuNF3Z+N7UsE2u0GOY0YQbrMVC2BXa4"
    "uDd79J3d3Fyljr6zy2yLpl+/nF3c7h0K8GEQ8e1LKmlJ/mDYOklLqvSpckx2G1XlQFO1Ob"
    "sMbXf7NiX1nHshfi5Qhu5DGbWeRjSKZNr29KJiZUjpOkrXkUbXsWx3ZHlFvYuqFJ0EldJy"
    "6ms5Si5TclmHhIfOJukHyBcIDDFPyqWEeAG02gNKiQGbFAOY6T01kQLC8SoRfaEIIP7fAN"
    "pwvITylWrrpGybqXHLJ/oHTQ9Ko4GreoPmaaXpVbnh1qDwBRm8XKNmLseJYnrFjfrcWCqs"
    "QbPJyC8jVMCuBvEMQ5vc82l2cGssDV5Ixb57BnFH+IU3HFkRKT7TxYtkgR55rGxMebnX9W"
    "H21Z9Qauj43dXhOvdnuRVRmRJDxQ3yq0MlmeOi0O9bGne4BFbnYi7ZEXvGRfVyl4DrFzyX"
    "Haugx/OIufAD14PaV3/KOz6jrPAJEwzzRC/1kYPhxdmq2xloudqdP+OtP6G04BGmmxbznF"
    "UX3MdoIlmhwlR35jY3b4TV01eE7CKc8DxRjV1K5ByNL4zR2LRWjvi+8Oc641PJiteEUI3q"
    "XIf3M4JWhOxTOJ3ckiyB32isLvVfBtPIC5OLuY8J5l4ZqWgmWcGyhAywOlQ34TyyApVomb"
    "siVOkmvXKUNMgkiCa7EK2IVq77kYyLK6gSv2quWFwJX0qQVGbd6ghGk6+OXioVTka4RNzi"
    "GnGK4mmlBMsPXVrdHOYHFElsDYta3i+PkWT1aJul/2YdSFOsVSmQNxTfW/BHTe/RZ5hNIr"
    "lsqTg//vGVhvoFX+aiaD++E4hxTQs3aXG/SJiij14deBQ20N7w4u7N4Pjkzc/nX/Z5ASVe"
    "3WimiRJLMJD3feR/588dEeMxX163xeeoors7ELBYGm6yqIblZgNMOo9wQp4MvS61Y0BDgg"
    "020Ob2mxfcawvSVLRinSba5S20cw20gy2p4GwjVHPmxRgniLKZIPPA67Zjy7Yqyiko3xKF"
    "HwKYZ5fXw9vfomIvUQzi1c31z2cF5V7Ofru/GOa6oSb2+CYrPEcoYUzu4UmNZX6YjfRMtI"
    "o/UQG59aGXNyBXJV+t61BWyVcyJ18Jbb9AHwutAOWqGNwZhS1w2kvKxjONmEq52apy4/Og"
    "gaASEUgooAyO66RkwajypKHjXFKWrTH2asG33LQPa45QRsTbSNMibBQrbw1y4VN0Khu+fj"
    "a8EsPLl7sSw5UYrsTwrovhycODebAhqZy12slE64nFbJpTtCuOtM5ky+wiYF3JYNhF7DoR"
    "lb+TwG0vKH8X4dp8dPkuorSNeOldxElFtNYBqUsRrbuyytq0tA+xQ3Ruz8rZ2oM7/Uprez"
    "xGlTnb1DrZWtRQucG3PGxIClPv8XEt4/pxhXH9OGvq5R9VA4SD4RKie1jLkH5YYUg/LKh3"
    "BiomLrI+VXSTiklUI6/2+kat/zD78/8Bye0hsw=="
)
