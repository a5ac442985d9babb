-- The four read-model processors (item-page, queue-truth, board, history) became one, read-models (projections'
-- V20, which emptied their tables): their tokens point into tables that no longer exist. The new processor starts
-- without a token, so it rebuilds every read model from the start of the log.
DELETE FROM TokenEntry WHERE processorName IN ('item-page', 'queue-truth', 'board', 'history');
