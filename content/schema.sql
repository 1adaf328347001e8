-- The content release: one SQLite file that is the whole of a content release
-- ("SQLite as an application file format"). Written by `kioskpack build`, opened read-only by
-- the kiosk. Bump schema_version (meta) with every incompatible change to this file.
-- Version 3: documents.url and the topics table.
-- Version 4: node kinds book (第一编), section (第一节), point (1.), subpoint (（1）) and heading
-- (an unnumbered heading: 序言, a Markdown or Word heading); document kinds law, notice, plan
-- and speech.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,   -- schema_version, content_version, built_at, generator
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
  id                INTEGER PRIMARY KEY,
  slug              TEXT NOT NULL UNIQUE,
  title_zh          TEXT NOT NULL,
  title_mn          TEXT NOT NULL,          -- traditional Mongolian script
  title_mn_reviewed INTEGER NOT NULL CHECK (title_mn_reviewed IN (0, 1)),
  issuer            TEXT NOT NULL,
  issuer_mn         TEXT NOT NULL,          -- the issuer's official Mongolian name
  issuer_mn_reviewed INTEGER NOT NULL CHECK (issuer_mn_reviewed IN (0, 1)),
  date              TEXT NOT NULL,          -- YYYY-MM-DD
  number            TEXT NOT NULL DEFAULT '',
  kind              TEXT NOT NULL CHECK (kind IN ('decision', 'regulation',
                                                  'implementing-opinion', 'communique', 'report',
                                                  'law', 'notice', 'plan', 'speech')),
  display_order     INTEGER NOT NULL,
  excerpt           INTEGER NOT NULL CHECK (excerpt IN (0, 1)),
  source_file       TEXT NOT NULL,
  -- The document's official web address, for the QR code; '' when it has none (no QR code).
  -- kioskpack checks it (http or https, printable ASCII, at most 300 characters).
  url               TEXT NOT NULL DEFAULT ''
                    CHECK (url = '' OR ((url LIKE 'http://%' OR url LIKE 'https://%')
                                        AND length(url) <= 300))
);

-- The document tree: books (第一编), chapters (第一章), sections (第一节), articles (第一条) or
-- parts (一、), items (（一）), points (1.), subpoints (（1）), headings without numbering (序言;
-- label '', the heading its text) and paragraphs. Items may stand under an article (a law's
-- 项), points under an item. `position` orders siblings; a paragraph's text is in `paragraphs`.
CREATE TABLE nodes (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  parent_id   INTEGER REFERENCES nodes (id),   -- NULL at the top of the document
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('part', 'item', 'chapter', 'article', 'paragraph',
                                        'book', 'section', 'point', 'subpoint', 'heading')),
  label       TEXT NOT NULL DEFAULT '',
  ordinal     INTEGER NOT NULL DEFAULT 0,
  heading     TEXT NOT NULL DEFAULT '',
  source_line INTEGER NOT NULL,
  UNIQUE (document_id, parent_id, position)
);
CREATE INDEX nodes_by_parent ON nodes (document_id, parent_id, position);

CREATE TABLE node_attributes (
  node_id INTEGER NOT NULL REFERENCES nodes (id),
  key     TEXT NOT NULL,                  -- e.g. responsible_units (责任单位)
  value   TEXT NOT NULL,
  PRIMARY KEY (node_id, key)
) WITHOUT ROWID;

CREATE TABLE paragraphs (
  node_id INTEGER PRIMARY KEY REFERENCES nodes (id),   -- a node of kind 'paragraph'
  text    TEXT NOT NULL
);

-- What search covers, one row per node: paragraph text and the headings of numbered nodes
-- (an item's heading is its first sentence, so it is text a visitor searches for too). A node
-- has either paragraph text or a heading, never both, so node_id is unique here.
CREATE VIEW search_text (node_id, text) AS
  SELECT node_id, text FROM paragraphs
  UNION ALL
  SELECT id, heading FROM nodes WHERE kind <> 'paragraph' AND heading <> '';

-- Full-text search over paragraph text and headings (the view above, as external content; the
-- rowid is the node id); the trigram tokenizer needs no word segmentation, which Chinese does
-- not mark. Queries under three characters fall back to a scan of search_text.
CREATE VIRTUAL TABLE paragraph_search USING fts5 (
  text, content = 'search_text', content_rowid = 'node_id', tokenize = 'trigram'
);

-- Topic chips of the search screen: key terms a visitor taps to search for. Chosen by
-- `kioskpack build` from the editors' list (topics.toml) by how the release's own text uses
-- them: at least 2 paragraphs, ranked by documents, then hits; `position` 0 is shown first.
CREATE TABLE topics (
  position    INTEGER PRIMARY KEY,
  term_zh     TEXT NOT NULL UNIQUE,
  term_mn     TEXT NOT NULL DEFAULT '',   -- '' while there is no Mongolian: Chinese only
  mn_reviewed INTEGER NOT NULL DEFAULT 0 CHECK (mn_reviewed IN (0, 1)),
  hits        INTEGER NOT NULL,           -- rows of search_text holding the term: what a tap finds
  paragraphs  INTEGER NOT NULL,           -- of them, paragraph text
  documents   INTEGER NOT NULL            -- documents holding the term
);

CREATE TABLE ui_strings (
  key         TEXT PRIMARY KEY NOT NULL,
  zh          TEXT NOT NULL,
  mn          TEXT NOT NULL,
  mn_reviewed INTEGER NOT NULL CHECK (mn_reviewed IN (0, 1))
) WITHOUT ROWID;

-- Quiz: the questions of content/quiz/questions.csv (checked at build time: the quote occurs
-- verbatim in the cited node) and the generated fill-in-the-blank questions (generated = 1; a
-- hall may switch them off). A fill-blank question has "____" where the right choice goes, and
-- the question with it filled in is the quote. Generated ids start with "gen-".
CREATE TABLE quiz_questions (
  id          TEXT PRIMARY KEY NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  node_id     INTEGER NOT NULL REFERENCES nodes (id),   -- the cited node: the quote is in its
                                                        -- heading or a paragraph below it
  node_label  TEXT NOT NULL DEFAULT '',                 -- the citation as written: （十一）, 段2
  type        TEXT NOT NULL CHECK (type IN ('single', 'multiple', 'true-false', 'fill-blank')),
  question    TEXT NOT NULL,
  explanation TEXT NOT NULL,
  quote       TEXT NOT NULL,                            -- verbatim from the cited node
  generated   INTEGER NOT NULL DEFAULT 0 CHECK (generated IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE quiz_choices (
  question_id TEXT NOT NULL REFERENCES quiz_questions (id),
  position    INTEGER NOT NULL,                          -- 0 for choice A, in the order shown
  text        TEXT NOT NULL,
  correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
  PRIMARY KEY (question_id, position)
) WITHOUT ROWID;

CREATE TABLE media (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER REFERENCES documents (id),
  mime_type   TEXT NOT NULL,
  data        BLOB NOT NULL
);

-- Subset fonts: exactly the glyphs the release's text and the UI need.
CREATE TABLE fonts (
  name          TEXT PRIMARY KEY NOT NULL,    -- e.g. NotoSansCJK-Regular
  face_index    INTEGER NOT NULL,             -- always 0 in the subset (a single face)
  scripts       TEXT NOT NULL,                -- preferred scripts, space separated: "Hani Latn"
  source_sha256 TEXT NOT NULL,                -- the full font the subset was made from
  codepoints    INTEGER NOT NULL,
  data          BLOB NOT NULL
) WITHOUT ROWID;
