// The index database's schema, as numbered migrations applied in order (PRAGMA user_version holds
// the last one applied). Append a migration to change it; never edit a shipped one.

/** Migration i (0-based) takes user_version i to i + 1. */
export const MIGRATIONS: readonly string[] = Object.freeze([
  // 1: images, tags, full-text search over both prompts.
  `
  CREATE TABLE images (
    n               INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    file            TEXT NOT NULL UNIQUE,      -- relative to the gallery folder ('x.png' or 'trash/x.png')
    created_ms      INTEGER NOT NULL,
    source          TEXT NOT NULL,             -- generated | imported | found
    prompt          TEXT NOT NULL DEFAULT '',
    negative_prompt TEXT NOT NULL DEFAULT '',
    seed            TEXT,                      -- decimal, the full torch range [-2^63, 2^64-1]
    seed_key        TEXT NOT NULL DEFAULT '',  -- seed + 2^63 as 20 digits: sorts like the number ('' = none)
    rng_source      TEXT,
    scheduler       TEXT,                      -- our id, else the WebUI sampler name
    sampler         TEXT,                      -- WebUI display name
    steps           INTEGER,
    guidance        REAL,
    width           INTEGER NOT NULL,
    height          INTEGER NOT NULL,
    model_name      TEXT,
    model_hash      TEXT,
    model_id        TEXT,
    timings         TEXT,                      -- JSON object, ms
    wm_status       TEXT NOT NULL,             -- marked | too-small | off | unknown
    wm_method       TEXT,
    wm_type         TEXT,
    wm_message      TEXT,
    favourite       INTEGER NOT NULL DEFAULT 0,
    tags            TEXT NOT NULL DEFAULT '[]', -- JSON array, mirrored in image_tags for filtering
    trashed         INTEGER NOT NULL DEFAULT 0,
    file_size       INTEGER,
    params          TEXT                       -- our GenerationParams JSON, NULL for foreign images
  );
  CREATE INDEX images_by_date  ON images (trashed, created_ms, n);
  CREATE INDEX images_by_seed  ON images (trashed, seed_key, n);
  CREATE INDEX images_by_model ON images (model_name, created_ms);
  CREATE INDEX images_by_hash  ON images (model_hash);
  CREATE INDEX images_by_sched ON images (scheduler, created_ms);
  CREATE INDEX images_favourite ON images (trashed, created_ms, n) WHERE favourite = 1;

  CREATE TABLE image_tags (
    tag TEXT NOT NULL,
    n   INTEGER NOT NULL REFERENCES images (n) ON DELETE CASCADE,
    PRIMARY KEY (tag, n)
  ) WITHOUT ROWID;
  CREATE INDEX image_tags_by_image ON image_tags (n);

  CREATE VIRTUAL TABLE images_fts USING fts5 (prompt, negative_prompt, content = 'images', content_rowid = 'n');
  CREATE TRIGGER images_fts_insert AFTER INSERT ON images BEGIN
    INSERT INTO images_fts (rowid, prompt, negative_prompt) VALUES (new.n, new.prompt, new.negative_prompt);
  END;
  CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN
    INSERT INTO images_fts (images_fts, rowid, prompt, negative_prompt) VALUES ('delete', old.n, old.prompt, old.negative_prompt);
  END;
  CREATE TRIGGER images_fts_update AFTER UPDATE OF prompt, negative_prompt ON images BEGIN
    INSERT INTO images_fts (images_fts, rowid, prompt, negative_prompt) VALUES ('delete', old.n, old.prompt, old.negative_prompt);
    INSERT INTO images_fts (rowid, prompt, negative_prompt) VALUES (new.n, new.prompt, new.negative_prompt);
  END;
  `,
  // 2: the image has a timeline folder `<id>.timeline/` beside its PNG (docs/timeline-format.md).
  `
  ALTER TABLE images ADD COLUMN timeline INTEGER NOT NULL DEFAULT 0;
  `,
]);

export const SCHEMA_VERSION = MIGRATIONS.length;
