"""The advice log: every logged piece of advice, hash-chained in one SQLite file.

record    what one log record holds, built from an advice (profile, hashes, summary, audit)
chain     the canonical content of a record and its hash; checking a chain of records
store     the SQLite file: WAL, one transaction per record, a versioned schema
replay    a recorded profile advised again under today's rules, compared with the record
location  where the log lives by default (the user's data directory)
"""
