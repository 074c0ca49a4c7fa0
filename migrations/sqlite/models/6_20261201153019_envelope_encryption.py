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
        DROP TABLE IF EXISTS "encrypted_category";
        DROP TABLE IF EXISTS "contact_key";
        DROP TABLE IF EXISTS "tenant_key";"""


MODELS_STATE = (
    "eJztXWtz2zbW/isYfak9o7ixHDvedGdnZMdpvHXsjO3ubrfekSkSsrCmQJYg7Wj27X9/D8"
    "D7VaQkShSCmU6aEDgA9QAEzv38rzezDGyyg6FN7q1nTHsf0P96VJth+EuurY96mm3HLfyB"
    "q41N0VmzyciNuo2Z62i6Cw0TzWQYHhmY6Q6xXWLxSXpDZGuOS7HzA0OC7AMaWx414B/Ioh"
    "i5mGrURZr/hOmWjRmiFnolBnaQO9UoIi5DhDFPjOGQp6nLDvjkhqXD7IQ+tTjPA72fYsSw"
    "7mAXGhGbWq8UBtTxT/CnORdEn78Mz9/cfR4Ojk8QTCnG40TOC/w1QetaDjbEq3uU/OFhwP"
    "EJQ1cHfsDv/4HHBIi/Ycb/+XvPf2PeGwbQXGyMNLf3H97Nfh5NCDaN1CISg3cVz0fu3BbP"
    "Lqn7SXTkaI1HumV6Mxp3tufu1KJRb+LP9oQBRT4fPHMdj68p9UwzWP9wmf1fEHfxXz1BY+"
    "CJ5pl8Z3Bq/wXiZ73R6PrmfnR3cT8a9XK7JqRILHDwSLco33Hwqkz8+if+Cm8Gh+/evzs9"
    "Onl3Cl3Ea0ZP3v/pTx0D4xMKeK7ve3+Kds3V/B4C+xhU8f8crOdTzSnGNeyfQRZeOYtsiG"
    "MVtOGDGNv4I9sEuDPt28jE9MmdckTfvq2A8h/D2/PPw9s96LXPp7TgVPDPi+ugaeC3cbxj"
    "fG0HT8i3JgjHFBJifDSoAfHRoBRh3pQGWByFo6nGpk1ATlOtB+jtnhMpmE/e1YD55F0pzL"
    "wps489x7YYZnmQ/353c12ykxM0GYgNorvo/5BJWO5EXtee7v114lGd44jGHjFdQtkBn+9v"
    "vZaWoAJyjhEfecbYH2YS6r0vw39lV+H86uZMQGYx98kRo4gBzjJLogNgT5ZDmi1Kmkoty9"
    "qXRRM/rtGaJEjUgqz/O4mZy9yafIQWl8xwybeSoswuTUB6EP5lFy9n+IHGDXD5wW1VsTT3"
    "l18u7u6HX76m1ufj8P6CtwzE03nm6d5JZs2iQdA/L+8/I/5P9O+b64vsMkb97v/d4++kea"
    "41otbrSDMSF2v4NEQtteqmxtyRx5Za9yztGlY+eOWuLPyOLHSISeVK4282geGWWOc0pYTf"
    "t0zL7OAXYNqX+ZzTlOpj7vIqC/WUMRrPR83UPRmyxYqfHfh616P7SYjKQt/WDNgUjUI1QJ"
    "XrKCfPhQq1WKmZRviT5WDyRH/BcwH0JbyTRvUiXVqgrL6PBtoxgP8M91D4ND4xHe01Uuym"
    "txb8fvjV2PX1NsO78+HHi17xybAGbH9leBd1aXWRzZ6GxeDyTTzW9OdXzTFGqd3MW6yBlX"
    "kS9c03zQaz7BONak8CIf5T+IuHNhjPIO7FCxYvn7fQxK39ShsN7zfCUceFVpobipFl88Xm"
    "gi78B39nFtVMxFXjfUR864i/J39gSJ8CvgdoaNuYGm+4IeQn9Mj1hY9It16AlltAcjaaVm"
    "Z5oOJ3+padKUY28DPE8hgSj2EUToCsiW+TATyD8fuIWQgDTvByfSQ2APwNWQ5ysOUYmL/0"
    "Ax2DCPgs5gnepsR6kzTXMPyHb6cpMedwM04fJZ/YMJlObM0MmxtZec7I0/di6PnLYHB09H"
    "7w9ujk9Pjd+/fHp2+j+ynfVHVRnV3+zO+qFCO32BzUnLlWstMOcNWpz6++ISpBJKEtqjUj"
    "SSOQY5KlIO6YKNo2wtHl2gTjFJGEG7kVwzXM6AJHBRxkM/NSmkyZM1o0+40c7HoOxQUcUx"
    "37X4pcLVSbC2VgSpZepphYLdL6Fwlky4YHnKFM5y0thomfNBOOpQl2cKC/qXvHF5DKx0+1"
    "ctFzYT4HdJXEHRDIpAzeiNSdcgp8aeyyliKSkItdv7DQFGEFbgNwlTGpp4xJ3TF51DAmbd"
    "He8RlraS13rrG/2NoxDfstNHbwiA6KXzFzfRsBNw5gTZ/mDA9frBdsoPE8COfQTOxwGwX/"
    "F0xBme+YyINHXNHM+jmTR4tzPVDCrR761HISBgoYEVMD7TErtmnwRu605b8CD3KBNhfrsM"
    "2Ra1n7NUNSSo0SHTnsumCgaC0Spft86FupmFDFHa2ZO8rd400unMV3/g3F9xb80fqNv9VT"
    "pq37fvU7/CvcOvDm1a4LqU417nTb79/Ek2FIg4vWwTo348NVqFuzGXH5ZTfGE2ANhZOBg5"
    "kNKMLFiCfuPhp7LqKWi+Y8VJPG1+mHQkeGNiZ5oBFLEFz/M2AJ4LLmfV0LPSacOh7RK3Gn"
    "Ygo45oXrAz9/oPeMmCZh8FbUYHDnu9jhbhXAKsBbOL7bBfdtQHtitB995sOefxBz1mUEkq"
    "4LsMWUt4LyVuj4haa8FZS3gvJW6BjCyltBeSt85yY95a2wewulvBU6u0jKW6E7i6G8FbZw"
    "0XdEE79toJXZsV2Ad97seM61ctS9Feq7XoG6Mt2hX6Wq1P2uIyfuu0hLWQ50w8RwPoMudl"
    "gse+qaDbygyhe3BSvdFpQGXTsb2tYawKHqegVcXjnCMYWEAB+e1AD4MKuvjAHmTWmA8Tfb"
    "JDopuODOLMvEGi1GOUmWwXkMdG0BHT3ZLMt8dnNzlWKZzy4z+vnrX7+cXQD0AnnoRNwSSz"
    "OzPKcZfxxTSLihW+GL8QsxiqWQe/yt5M5L0sggflTZQC7+dV8tAEYmkKub65/D7lmpMKsy"
    "idmQHOwLMoulSZVBqtMGqVhN3ICjTBMpsbPgYgidCxqn+8kTLoVvx84vle+nq6gqXcnm8/"
    "0kRP8VkT2PR5IU2vRdsxjbxPm5BnxrZlPq2GlbF9v8XZPCF14DXf96dbVFRZ/ra+KKVHzh"
    "vq9U7kWd1qrVS6rxQATBDvVNHpWZg9IZd7nrXTqPkGcble0ic2tYoyDfjGcaMZXKcLMqw9"
    "Ti5+AtVwJk6WQQUTOqrcFpHd3W4LRcucXbVLrruujLm+46fTA2WfU0pVr1rqx6gWYiePt4"
    "1SfESdx3dQ/WNJV8x2orCtYUZ1Hbz0NbFejlXG96u4uzbs1sjRaIJeUoJ0jUZq4F8n+t8c"
    "glrtloM6eIFND1zDJC4GjC9IYEEgJ8XMdUDr3KAT7OBzEASM28EUIC+QBevysCcCLArBT4"
    "IpQbFRMkMiC8aZuiLZxCuWVQn2qU4oYxUAXEMqxC20UEY+AmDoZfTPVGDEgJuUJ+MfIwD4"
    "bzwm3k1Z4iUp7t1YfQEp7tfBMTB894LpUmZ3+WToYPYNMXwNhjhMIF6qPW4BDKEcqA/iYq"
    "9HoO3JYML3n0F1Ir6GtBDzyKp5mjF45mo72eI1SA11OuELeZZiXor+CtqbvyqOs01F1FJB"
    "KCXAficoDzKliXuJ5RcFJ8Mi2thCdJEmUQnnCq3cO4AtSPN7+eXV2gr7cX55d3lwFnGBks"
    "RCN/FDtr314Mr7IoW/RpCZiTVArnGjhzrTWGvUle8IhablFcbzmnXUgswwGyaXabYcqWXI"
    "MCUrUCy2i8LB3EFp4Fjcv0DuFZO/PrUBmaUzqGitNpEKcDkCxXLztFqOrrdsdhIO8nonzC"
    "e8onvDvOtSvFz6d8xVmxsvIsoPz0yy02y9JqlYXESwJ6mu2cavSpiNFpiBR3Gj4XY0mLVO"
    "BU/4zn64ELvntZsQpi/Ec8En1Nm+urP+QdH1FW2ITOuND41QQwYM60O2/8X6zD2SUG3Fke"
    "qxougzDdtJjnrLrFPkYDybqzJgQuVp1o5opIfQrHqX0r7uLGEgZlvwDFinhdxiPJurUscd"
    "KsDtVNOI6sQDFvHA2+IlZ3iaFkgmsDkXEBk1oeHxdzsQuj5EZ63Hdhov5/Ti3k9zfQK69q"
    "Y1GkoWCkvshp/zrF9APPse+SCdHFHmBozzIN0UrxK3rRTLjQkY0dJH72Pm/pZUBvcaoHGi"
    "rUuLtLIDwcoAtH47enX4EHiKLJ/Ho/vJOfwZ+XAAgGhr/O0RRmXCIJfyJKMfidKvfXxgP5"
    "ngktgLXcthn2lzCHz/qTUpXK5RXJXWOSzTvBbUff2k5W3fhEyaG/IGIyRali57qiCq8TMb"
    "kbWcmAJyG9jRxp7XjEBB9I0wQ/OTqV3ydvr1NpqVTepG6jqmxkKm9Sl6FtmjcpvpbWAK/c"
    "aZNyN3gXsyZxi1y5Yiiw1y3WCj0HHRfXbkyoSbiYjYCyj14dmMKvjfyCHcYVLY/BRw/to+"
    "DZI6+szAsiRlUUoTHSxORUQu1N9UBDrQ9x0Z7uzG3XesOmDjZ4Kcv9D7xypDOH6e05H0cU"
    "gYyVQ8SeYsfF31w0xro1g1E8yoUMjmmZYuj36FCryh2V/x1KQbRZBVGwuwpU3YRqzrwY3A"
    "RR1ltvHtiSd/P2KfTWC1QSkXwMwtPZ5fXw9rdiF8qzAhXG2W/3F8NiljW59xvzrhlixcQq"
    "kWtjuCqRa12oKpFLiVxdhraOyLVVmSDld1YuHGTd0xZLCSkfuVryQjn4C/KtJjZkWH2nin"
    "NOVOgZa4yw4BUV96xKK23TyLr+fEaBn3gTiBMkMkR3tW7GDmrFLWFLTVGqKKIuRxGpClqb"
    "jczzXS4bh0UmyRTeDfBOckEN7ooMmYRXcisXhtKoKI1Kh1FVGhWlUekytN3VqBQEphUoVI"
    "rD18r1KUKAZj7ByElQ1DC/Bt2RB0vqoJ8/fr1FQ8c9QIfHD97g7eHR4LCPwoI/3EjKjZf+"
    "1uUu9fxfNnaYRX9gaIynmjk5KDC8tjNJM4f5uCSwAURl5XKq2lImV6UFUk72EjCbu1Fau3"
    "fz9eK6t6MQw8GGyctS3vQZUgnd6WXSAcV3R5M1jqnU8nZ6eXn1Ncp9QYDF0liRP0lFYfEC"
    "WhmU51Xr20qBcdNaLiFXilCp0rv8nTk4iIJf4jsrolXf2RLf2ZZ0kB2Dfd0qSMuGn9889i"
    "tLpqBV2l2l3e20CnIHtLsdOxDWoNyNY2gKD901oCt3hFL2nulUgFIiQ1mRyjyVv6xCVZ7u"
    "t1BB/lXonTXTjxgKqLERaLIfTfykmSOee9wkfOc89uMkL6INiUJYGJp4bJBG2Sv8y8jryF"
    "ucZ+m8MtFbqMwyG1d6+wseLWoTBW0BqYSq8HYqH8EL6MTWGtYYTBBJiPT6nU7hnnGi9G51"
    "YU4RySDTbyLZCIDxZDmkYRalFJWqJlitXVkivVLqYs0tzAJzQYZWQqOBxCmWlG+f0v50G1"
    "Wl/fk+tD+7Cm13ffsuqMj8gY1zn38qTKSS79SvUlfgsPtIT/avk1Yl6I+0yJOOj4MAWQsF"
    "w3IOS3MRz2eL9oJn4Xvt99EYzy1qoMeorNdjkW9fexMtCukMEckGcipNxSY1FcmNWTuEME"
    "EjocS8/qLw4pMaEbqEwJAhVfLCLskL0eI1NxlnCZXRWIkNSmzoNG/bUGxIfOPKtLnQtJk9"
    "Dztl3AwSCZ6Zlv7cKxIbku3VEoPfczSOui4UFmCPAL8+1dgUM7T3+cvw/M3d5+Hg+GSfZy"
    "vUKPKrmSZyFuKZRkxRJoM7tjo0aX/sI2YlQnZyEkOrsz1QXaPUchFPpIj42kCjY3lPUz4y"
    "mdkWDzu6IhMX3gYkFoESIkzMG8TiJ0KRNGNGQHLR3SUMqTx5HP+VynK64XChEPcG8kiSRk"
    "J5pIW0McByu8s5YqcolTSyS9KICefmUoueIlTe9132vg+Wqqm8mSVT0qaSNpW02WmRqKG0"
    "GX3hStZcAGz2LOyUpJktX1sgbBZUuC2XN6OyuiMn7r3WNJ71nFUtXfccJ2Iy8tkbFnZIDJ"
    "Zv5E+UHKfSPmxFflt/TgJtZnlFt+RHrJOZZhYjHBNlWXif6iCg3kG8K/D9eHF++WV4tXd4"
    "2h9k0uSF0L/LO17yo4bqzYyiCRoJN/FRHZtouUk0ZxFNH+eNLKJpUgl1EDIJpBvPUNMxrr"
    "Nt14Lka+VALo+0z5DJgPTGg+yVEvU7VKKq1ApKudZpVJVy7fvwAO/YgbDW+P/t6NYuqU4M"
    "TAtzukZt/SptGkn2quHlzTCIMsSdo5AQTTVqmNhAE8uJPbL34pSrR0d7g/39D8iP9e+Lop"
    "ZjuG31KWI6POxlFquVSR6o5sIiTnlbWA3TsUwTO4haLgG4ocEPcztA9zwZLHFNLPw0EGxf"
    "DNuHO3loyDY1HYvXsJMB9Eu4awS5D1Sk+6b1fGJpm4h3EYGESpJWooDjrd1QzEgRSihl7I"
    "hUUU9NEh7e6QUuj/KOCFYK8O4mE1G0oq1EcgsQR+FltsQnVjiA8pDp8pcWMyujkFlZrrhX"
    "yShq9Tu9+ioDrfRrrNJ0KjVd51FVarptRFypVJL1gO10Kkk4aTDXrPm/vUBVFzf3q7V16Y"
    "7K7U2pw5Tb29qUYet3e1NOQ98JB28QB+vFLi3ln1KKSAaHlrY/J1tzXMJTn8J8gGOhR2np"
    "hVBMrGSmvMwUVHZsspUTJPJt5ONaRpLjCiPJcUGqVGCDcNEGLneBS5DIALJyf+vMUij3t7"
    "W7v3VuiZViraOoKsXa9+H/tqvQdjcD6pX1ROg5Z+WFCiunWEu196s0aybv6UsFQdeFznCf"
    "NMJd0gQl4+5g6BnP0Z6mi1EQ91QzDLjH2L5IJTQhsMToFdbaeu0jfyaetFT4o3HtzFhjGD"
    "Grl1m7tuZ5oO5UcxF+wc4cvVrOMwzM6adw/SIGjD5myKIYaa41I7o/EMzqudMffbBMMiMu"
    "O7Dn++XJU+FNeZv/NiP4lBw3lz3194Jmpf7bYPaiRto/LGu44GkdGe+0XMQ7zUl4qW2dw/"
    "iMPJVu3iylTKzSXwaDo6P3g7dHJ6fH796/Pz59G23pfFPV3j67/Jlv79Ry5NnUKZxRDY6N"
    "sPvmEH/b4YMjx5lu55q/GQdFdovu+Lix8oK3Ut22YDizPQckW6zut83ebyHsDe64BImE99"
    "z6c/Mxy3OaVYyLKTYHMJwNpLcRhNuprKWUl0p5qZSXa1Jehgl3G7tc5gmVAVHphpVuuNMK"
    "TKUb3qpuuOTgXQO+cru05u+aTjm1frVMos9vPQFxTixPtPar5HJb9Bs5YceFavcbitG5xs"
    "aEIp8WmQQe7T3aj330+CT+GMCfBwcH+4i5sKVy2u8PyLFMjDTGYLfNMCwLrwTgwWZiOe17"
    "u9M9UK5yt7HzJohp5zgwPwRdlKJ9A2OJZzDtC+YjP4rXIJj96L/Pgc5eSsuXVagmbPEtKW"
    "3EZrURApscrhW6iJBAQk3EaR2Fe7m+PSshv7xtAqzfe4Pqh83oHg4HdVCFXuVel4M8soeN"
    "kD1UyNZGdtAI2YFCtjayR42QPVLI1kb2XSNk3ylkayN73AjZY4VsXWS3o5DqmNwpnT6qY/"
    "iuUR21HYn+FvPwAvjVZUJ9ukO/Sq53wq4NRPthkNntB4bgSCAzb4bgRUW2Ne6JxqWqqPp3"
    "H1kv2HGIwevqCWnb0j0uXIP8Ha5sZtXWPf4DDZ3wtDExiTv/MfrR3CvuJ/TIDzaYYWRoc/"
    "Yo0P6AnrHtolcCG99zkfChU7XHO3XE9Svkd1V7fAMJwpNfTYM9nCVTV3beMOfZxpJeBGlK"
    "5UXQFS+CEKOEG0Hw9tvmfju3wLKxv10DeOf53zvMWImXadhUyfOyRKcazK4Io0ABUWDzwZ"
    "qDHeRaz5jyJMbYnPAkxJRHaQTWpQ/Aq5pzkeE4UcsaebDmDmdUC7jediZ6oAw7ojvWgfEV"
    "hbG1OMLExNozmgvgEbWQxzhK/oRMBJpo8F7Ws2fzeTn7HexahP/wNM5N17RpKQZ4kwywWL"
    "/G5a7TVOthgrcLsyp3rfi0tXt74m82gdGWWPU0pYSrviOrXMCN55fZwS9wHi7zcacpVU7X"
    "Lq+yErrWx48kFBjAczbDNEGhEFVi7Na8ir3AV3UzLq+7Cmria+2UZsAb246lgwRtOUP9Gc"
    "58ExtPeFZSe6mqe79Sg5AgHMGbN7Obob10baN9pMWTc4EbpHWuAuDup7yng58Ic7FzUGop"
    "W2nEBSatgFRZtLYq0CfXcwmOtIBcSR+d5ktTK9Y0/K2YWFnaVAjcZlAN7oxmsKaJFK5KCN"
    "iaEBDyPKsjm2QxbwOu6x/x6JLCnf6UF+Odua82J3917Hari2/x/d6psMOqjb9AFCv4TmqK"
    "YqFcU08e4zGDGcEIRnsTDReJSWhCTKDXGPzF4Wn3MKZoPAe5SqT+4q6HgY0ViHRrBqAYH3"
    "LCWrvTPVBuATbIE2ZuH71Ohb0YvcIgYXyqX24XZFuHYN+0+8ozC+pTjXIhceJYM/FS4TuO"
    "8QS+OmXe7aA0SL3ZuEhNVQpsTLAevkoCdJNFIfhH08RQHlNI6Cm6fjN5FCG/jCktRaqUFp"
    "1WWgSXS36Ry8sNJ0hWKji8Q8vaSsVh/xpvBH2CZPPQ9/468ajI9OhnUCCUHfD5/tbb4QXJ"
    "yerlvHeqjEvKmFCwhmfBEJ9+ucWmVlKKqJ5RYzc/o5xE9GfLskvyZYuElbh9kXSS7rnWjK"
    "YlKUxdyyZ6Qf7uuLPfox+93xiren4b99AMlqC+c2ZAoFjOOslO442dP00ty8QaLYY5TZjB"
    "egyUbYEdbu7NXn1nNzdXqavv7DJbounXL2cXt3uHAnzoRHz9kgpakt8Ztk7Qkkp9qgyT3U"
    "ZVGdBUbs4uQ9vduk1JOedesJ8LhKH7kEetJxGNIp62PbmoWBhSso6SdaSRdSzbHVleUe2i"
    "KkEnQaWknPpSjuLLFF/WIeahs0H6AfIFDEO8JuVcQrwBWq0BpdiATbIBzPSemnABYX8ViL"
    "6QBRD/bwBt2F9C/kqVdVK6zVS/5QP9g6IHpd7AVbVB87TS1KrccGlQ+IIMnq5RM5dbiWJ6"
    "tRr1V2MptwbNJiM/jVDBcjXwZxja5J4Ps4NHY6nzQsr33TOIO8IvvODIikjxkS5eJHP0yG"
    "NlY8rTva4Ps6/+gFJDx1tXh+vcH+VWeGVKDBVXyK8OlWSGi0K7b6nf4RJYnYuxZEfsGRfl"
    "y10Crl/wXHasghrPI+bCD1wPal/9Ie/4iLLCJ1QwzBO11EcOhhdnqx5nIOVqd/6It/6A0o"
    "JHmG5azHNW3XAfo4FkhQpT3ZnbXL0RZk9fEbKLcMDzRDZ2KZFzNL4xRmPTWtnj+8If64wP"
    "JSteE0I1qnMZ3o8IWhGyT+FwcnOyBH6jsTrXfxkMIy9MLuY2Jhh7ZaSikWQFyxI8wOpQ3Y"
    "TjyApUomTuilCli/TKkdIgEyCarEK0Ilq56kcybq4gS/yqsWJxJnwpQVKRdasjGA2+Onqp"
    "UDgZ4RJ+i2vEKfKnlRIs33VpdXWY71AksTYsKnm/PEaS5aNtFv6bNSBNsVYlQN5QfG/BHz"
    "WtR59hNIn4sqX8/PjHV+rqF3yZi7z9+Ekg+jVN3KTF9SJhiD56dWAqbKC94cXdm8HxyZuf"
    "z7/s8wRKPLvRTBMplqAjr/vI/87nHRHjMZ9et8V5VNLdHXBYLHU3WZTDcrMOJp1HOMFPhl"
    "aX2j6gIcEGC2hz/c0L7rUFacpbsU4R7fIS2rkC2sGRVHC3Eao582KME0TZSJB5YHXbsW1b"
    "5eUUpG+J3A8BzLPL6+Htb1Gyl8gH8erm+uezgnQvZ7/dXwxz1VATZ3yTHZ4jlNAn9/Ckxj"
    "Y/zHp6JkrFnyiH3PrQy+uQq4Kv1nUpq+ArmYOvhLRfII+FWoByUQxaRmEJnPaCsvFMI6YS"
    "brYq3Phr0IBRiQgkZFAGx3VCsqBXedDQcS4oy9YYe7XgW25ahzVHKCPibYRpETaKhbcGsf"
    "ApOhUNXz8aXrHh5dtdseGKDVdseNfZ8OTlwTw4kFTMWu1govX4YjaNKdoVQ1pnomV2EbCu"
    "RDDsInad8MrfSeC255S/i3Bt3rt8F1Hahr/0LuKkPFrrgNQlj9Zd2WVtatqH2CE612fldO"
    "1BS79S2x73UWnONrVPtuY1VK7wLXcbkkLVe3xcS7l+XKFcP86qevlH1QDhoLuE6B7WUqQf"
    "VijSDwvynYGIiYu0TxXVpGISVcirvbpR67/M/vx/BNRG9Q=="
)
