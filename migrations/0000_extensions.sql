-- Trigram matching, for finding providers and payees by similar names. PGlite ships it too.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
