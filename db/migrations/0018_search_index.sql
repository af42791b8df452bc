-- Global search (decision 018): one FTS5 index over a folded copy of the searchable text of
-- meetings, documents, issued conclusions and tasks ("Đức" is stored as "duc": diacritics and
-- đ/Đ removed in the app, since Unicode does not decompose đ). Filled and kept by the app
-- (app/features/search); rebuilt from the tables at start when empty.
CREATE VIRTUAL TABLE `search_index` USING fts5(`kind` UNINDEXED, `ref_id` UNINDEXED, `text`, tokenize = 'unicode61', prefix = '2 3');
