"""What a processor owes its controllers (GDPR Art. 28, 30(2), 33): the scope of a breach read
from the audit trail, incidents, the generated record of processing, the sub-processor register
and retention per data category. No GraphQL in here: resolvers and commands call these."""
