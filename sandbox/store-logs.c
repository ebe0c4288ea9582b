/*
 * store-logs.c: CloudWatch Logs' records: log groups, log streams and
 * events. Events are kept in arrival order with their timestamps; reads
 * order them by timestamp, then arrival, as Logs does. A stream keeps
 * its first and last event times and the bytes stored (message bytes
 * plus 26 per event, Logs' event size), summed on its group.
 */
#include "hs-common.h"
#include "logs.h"

const char sbx_logs_schema[] =
	"CREATE TABLE IF NOT EXISTS logs_groups(name TEXT PRIMARY KEY,"
	" created_ms INTEGER NOT NULL, retention INTEGER, kms_key TEXT,"
	" class TEXT NOT NULL DEFAULT 'STANDARD', tags TEXT,"
	" stored_bytes INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE IF NOT EXISTS logs_streams(grp TEXT NOT NULL,"
	" name TEXT NOT NULL, created_ms INTEGER NOT NULL,"
	" first_ts INTEGER, last_ts INTEGER, last_ingestion INTEGER,"
	" stored_bytes INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(grp, name));"
	"CREATE TABLE IF NOT EXISTS logs_events(id INTEGER PRIMARY KEY"
	" AUTOINCREMENT, grp TEXT NOT NULL, stream TEXT NOT NULL,"
	" ts INTEGER NOT NULL, message TEXT NOT NULL,"
	" ingestion INTEGER NOT NULL);"
	"CREATE INDEX IF NOT EXISTS logs_events_time ON logs_events(grp, ts, id);";

void
sbx_log_group_clear(struct sbx_log_group *g)
{
	free(g->name);
	free(g->kms_key);
	free(g->log_class);
	memset(g, 0, sizeof *g);
}

void
sbx_log_stream_clear(struct sbx_log_stream *s)
{
	free(s->name);
	memset(s, 0, sizeof *s);
}

void
sbx_log_events_free(struct sbx_log_event *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(e[i].stream);
		free(e[i].message);
	}
	free(e);
}

/* 0 created, 1 exists. */
int
sbx_logs_group_create(struct sbx_store *st, const struct sbx_log_group *g,
    const char *tags, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char n1[24];
	int r;

	r = sbx_store_run(db, cause, "INSERT OR IGNORE INTO logs_groups(name,"
	    " created_ms, kms_key, class, tags) VALUES (?, ?, ?, ?, ?)", 5,
	    g->name, sbx_itoa(g->created_ms, n1), g->kms_key,
	    g->log_class ? g->log_class : "STANDARD", tags);
	sbx_store_unlock(st);
	return r < 0 ? -1 : r == 0 ? 1 : 0;
}

#define GROUP_COLUMNS "name, created_ms, ifnull(retention, 0), kms_key," \
	" class, stored_bytes"

/* Read a group row (GROUP_COLUMNS). */
static void
group_row(sqlite3_stmt *s, struct sbx_log_group *g)
{
	g->name = sbx_store_col(s, 0);
	g->created_ms = sqlite3_column_int64(s, 1);
	g->retention = sqlite3_column_int(s, 2);
	g->kms_key = sbx_store_col(s, 3);
	g->log_class = sbx_store_col(s, 4);
	g->stored_bytes = sqlite3_column_int64(s, 5);
}

/* 0 found, 1 none. */
int
sbx_logs_group_get(struct sbx_store *st, const char *name,
    struct sbx_log_group *out, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT " GROUP_COLUMNS
	    " FROM logs_groups WHERE name = ?", 1, name);
	int f = s ? sbx_store_step(db, s, cause) : -1;

	if (f == 1)
		group_row(s, out);
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return f == 1 ? 0 : f == 0 ? 1 : -1;
}

/* Groups whose name starts with prefix, after `after`, by name. */
int
sbx_logs_group_list(struct sbx_store *st, const char *prefix,
    const char *after, size_t limit, struct sbx_log_group **out, size_t *n,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char lim[24];
	sqlite3_stmt *s;
	int f = -1;

	*out = NULL;
	*n = 0;
	s = sbx_store_query(db, cause, "SELECT " GROUP_COLUMNS " FROM"
	    " logs_groups WHERE substr(name, 1, length(?1)) = ?1 AND name > ?2"
	    " ORDER BY name LIMIT ?3", 3, prefix ? prefix : "",
	    after ? after : "", sbx_itoa((int64_t)limit, lim));
	while (s != NULL && (f = sbx_store_step(db, s, cause)) == 1) {
		*out = hs_xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		group_row(s, &(*out)[(*n)++]);
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return f == 0 ? 0 : -1;
}

/* 0 deleted with its streams and events, 1 none. */
int
sbx_logs_group_delete(struct sbx_store *st, const char *name, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = -1, r;

	if (sbx_store_begin(db, cause) != 0)
		goto out;
	r = sbx_store_run(db, cause, "DELETE FROM logs_groups WHERE name = ?",
	    1, name);
	if (r < 0 || sbx_store_run(db, cause, "DELETE FROM logs_streams WHERE"
	    " grp = ?", 1, name) < 0 || sbx_store_run(db, cause, "DELETE FROM"
	    " logs_events WHERE grp = ?", 1, name) < 0 ||
	    sbx_store_commit(db, cause) != 0)
		sbx_store_rollback(db);
	else
		rc = r == 0 ? 1 : 0;
out:
	sbx_store_unlock(st);
	return rc;
}

/* Set the retention (days; 0 removes it); 1 if no such group. */
int
sbx_logs_group_retention(struct sbx_store *st, const char *name, int days,
    char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char d[24];
	int r = sbx_store_run(db, cause, "UPDATE logs_groups SET retention = ?"
	    " WHERE name = ?", 2, days ? sbx_itoa(days, d) : NULL, name);

	sbx_store_unlock(st);
	return r < 0 ? -1 : r == 0 ? 1 : 0;
}

/* Count the groups named name (0 or 1); -1 on failure. */
static int
group_exists(sqlite3 *db, const char *name, char **cause)
{
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT 1 FROM logs_groups"
	    " WHERE name = ?", 1, name);
	int f = s ? sbx_store_step(db, s, cause) : -1;

	sqlite3_finalize(s);
	return f;
}

/* Create a stream under the lock: 0, 1 no group, 2 exists. */
static int
stream_create_locked(sqlite3 *db, const char *group, const char *name,
    int64_t now_ms, char **cause)
{
	char n1[24];
	int f = group_exists(db, group, cause), r;

	if (f <= 0)
		return f < 0 ? -1 : 1;
	r = sbx_store_run(db, cause, "INSERT OR IGNORE INTO logs_streams(grp,"
	    " name, created_ms) VALUES (?, ?, ?)", 3, group, name,
	    sbx_itoa(now_ms, n1));
	return r < 0 ? -1 : r == 0 ? 2 : 0;
}

/* 0 created, 1 no such group, 2 the stream exists. */
int
sbx_logs_stream_create(struct sbx_store *st, const char *group,
    const char *name, int64_t now_ms, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int r = stream_create_locked(db, group, name, now_ms, cause);

	sbx_store_unlock(st);
	return r;
}

/* Read a stream row. */
static void
stream_row(sqlite3_stmt *s, struct sbx_log_stream *o)
{
	o->name = sbx_store_col(s, 0);
	o->created_ms = sqlite3_column_int64(s, 1);
	o->first_ts = sqlite3_column_int64(s, 2);
	o->last_ts = sqlite3_column_int64(s, 3);
	o->last_ingestion = sqlite3_column_int64(s, 4);
	o->stored_bytes = sqlite3_column_int64(s, 5);
}

/* The streams of a group with prefix, ordered, skipping offset. */
int
sbx_logs_stream_list(struct sbx_store *st, const char *group,
    const char *prefix, bool by_time, bool descending, size_t offset,
    size_t limit, struct sbx_log_stream **out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char *sql, lim[24], off[24];
	sqlite3_stmt *s;
	int f = -1;

	*out = NULL;
	*n = 0;
	sql = hs_xasprintf("SELECT name, created_ms, ifnull(first_ts, 0),"
	    " ifnull(last_ts, 0), ifnull(last_ingestion, 0), stored_bytes FROM"
	    " logs_streams WHERE grp = ?1 AND substr(name, 1, length(?2)) = ?2"
	    " ORDER BY %s %s, name %s LIMIT ?3 OFFSET ?4", by_time ?
	    "ifnull(last_ts, 0)" : "name", descending ? "DESC" : "ASC",
	    descending ? "DESC" : "ASC");
	s = sbx_store_query(db, cause, sql, 4, group, prefix ? prefix : "",
	    sbx_itoa((int64_t)limit, lim), sbx_itoa((int64_t)offset, off));
	free(sql);
	while (s != NULL && (f = sbx_store_step(db, s, cause)) == 1) {
		*out = hs_xreallocarray(*out, *n + 1, sizeof **out);
		memset(&(*out)[*n], 0, sizeof **out);
		stream_row(s, &(*out)[(*n)++]);
	}
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	return f == 0 ? 0 : -1;
}

/* Insert events and update the stream's and group's figures. */
static int
put_locked(sqlite3 *db, const char *group, const char *stream,
    const struct sbx_log_event *ev, size_t n, int64_t now_ms, char **cause)
{
	char t[24], ing[24], sz[24];
	int64_t bytes = 0;
	size_t i;

	sbx_itoa(now_ms, ing);
	for (i = 0; i < n; i++) {
		if (sbx_store_run(db, cause, "INSERT INTO logs_events(grp, stream,"
		    " ts, message, ingestion) VALUES (?, ?, ?, ?, ?)", 5, group,
		    stream, sbx_itoa(ev[i].ts, t), ev[i].message, ing) < 0)
			return -1;
		bytes += (int64_t)strlen(ev[i].message) + 26;
		if (sbx_store_run(db, cause, "UPDATE logs_streams SET first_ts ="
		    " min(ifnull(first_ts, ?1), ?1), last_ts = max(ifnull(last_ts,"
		    " ?1), ?1), last_ingestion = ?2 WHERE grp = ?3 AND name = ?4",
		    4, t, ing, group, stream) < 0)
			return -1;
	}
	sbx_itoa(bytes, sz);
	if (sbx_store_run(db, cause, "UPDATE logs_streams SET stored_bytes ="
	    " stored_bytes + ? WHERE grp = ? AND name = ?", 3, sz, group,
	    stream) < 0)
		return -1;
	return sbx_store_run(db, cause, "UPDATE logs_groups SET stored_bytes ="
	    " stored_bytes + ? WHERE name = ?", 2, sz, group) < 0 ? -1 : 0;
}

/* Tell whether a stream exists: 1, 0, or -1. */
static int
stream_exists(sqlite3 *db, const char *group, const char *stream,
    char **cause)
{
	sqlite3_stmt *s = sbx_store_query(db, cause, "SELECT 1 FROM logs_streams"
	    " WHERE grp = ? AND name = ?", 2, group, stream);
	int f = s ? sbx_store_step(db, s, cause) : -1;

	sqlite3_finalize(s);
	return f;
}

/* 0 stored, 1 no such group, 2 no such stream. */
int
sbx_logs_put(struct sbx_store *st, const char *group, const char *stream,
    const struct sbx_log_event *ev, size_t n, int64_t now_ms, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	int rc = -1, f;

	if (sbx_store_begin(db, cause) != 0)
		goto out;
	f = group_exists(db, group, cause);
	if (f == 1)
		f = stream_exists(db, group, stream, cause) == 1 ? 0 : 2;
	else if (f == 0)
		f = 1;
	if (f == 0 && put_locked(db, group, stream, ev, n, now_ms,
	    cause) != 0)
		f = -1;
	if (f == 0 && sbx_store_commit(db, cause) != 0)
		f = -1;
	if (f != 0)
		sbx_store_rollback(db);
	rc = f;
out:
	sbx_store_unlock(st);
	return rc;
}

/* Write events, creating the group and the stream when missing. */
int
sbx_logs_append(struct sbx_store *st, const char *group, const char *stream,
    const struct sbx_log_event *ev, size_t n, int64_t now_ms, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char n1[24];
	int rc = -1;

	if (sbx_store_begin(db, cause) != 0)
		goto out;
	if (sbx_store_run(db, cause, "INSERT OR IGNORE INTO logs_groups(name,"
	    " created_ms) VALUES (?, ?)", 2, group, sbx_itoa(now_ms, n1)) < 0 ||
	    stream_create_locked(db, group, stream, now_ms, cause) < 0 ||
	    put_locked(db, group, stream, ev, n, now_ms, cause) != 0 ||
	    sbx_store_commit(db, cause) != 0)
		sbx_store_rollback(db);
	else
		rc = 0;
out:
	sbx_store_unlock(st);
	return rc;
}

/* Tell whether an event's stream is one q asks for. */
static bool
events_stream_ok(const struct sbx_logs_query *q, const char *stream)
{
	const cJSON *v;

	if (q->stream_prefix != NULL && !hs_starts_with(stream, q->stream_prefix))
		return false;
	if (q->stream_names == NULL || cJSON_GetArraySize(q->stream_names) == 0)
		return true;
	cJSON_ArrayForEach(v, q->stream_names)
		if (cJSON_IsString(v) && strcmp(v->valuestring, stream) == 0)
			return true;
	return false;
}

/* The SQL of an events query. */
static char *
events_sql(const struct sbx_logs_query *q)
{
	const char *dir = q->backwards ? "DESC" : "ASC";

	return hs_xasprintf("SELECT id, stream, ts, message, ingestion FROM"
	    " logs_events WHERE grp = ?1 AND (?2 IS NULL OR stream = ?2)"
	    " AND ts >= ?3 AND ts < ?4 %s ORDER BY ts %s, id %s",
	    !q->cursor ? "" : q->backwards ? "AND (ts < ?5 OR (ts = ?5 AND"
	    " id < ?6))" : "AND (ts > ?5 OR (ts = ?5 AND id > ?6))", dir, dir);
}

/* Keep an event row in out. */
static void
events_keep(sqlite3_stmt *s, struct sbx_log_event **out, size_t *n)
{
	struct sbx_log_event *e;

	*out = hs_xreallocarray(*out, *n + 1, sizeof **out);
	e = &(*out)[(*n)++];
	e->id = sqlite3_column_int64(s, 0);
	e->stream = sbx_store_col(s, 1);
	e->ts = sqlite3_column_int64(s, 2);
	e->message = sbx_store_col(s, 3);
	e->ingestion = sqlite3_column_int64(s, 4);
}

/* Put a backwards result back in time order. */
static void
events_reverse(struct sbx_log_event *e, size_t n)
{
	size_t i;

	for (i = 0; i < n / 2; i++) {
		struct sbx_log_event t = e[i];
		e[i] = e[n - 1 - i];
		e[n - 1 - i] = t;
	}
}

/* The events q asks for (up to limit + 1). */
int
sbx_logs_events(struct sbx_store *st, const struct sbx_logs_query *q,
    struct sbx_log_event **out, size_t *n, char **cause)
{
	sqlite3 *db = sbx_store_lock(st);
	char a[24], b[24], c1[24], c2[24], *sql = events_sql(q);
	sqlite3_stmt *s;
	int f = -1;

	*out = NULL;
	*n = 0;
	s = sbx_store_query(db, cause, sql, 6, q->group, q->stream,
	    sbx_itoa(q->start, a), sbx_itoa(q->end ? q->end : INT64_MAX, b),
	    sbx_itoa(q->cursor_ts, c1), sbx_itoa(q->cursor_id, c2));
	free(sql);
	while (s != NULL && *n <= q->limit &&
	    (f = sbx_store_step(db, s, cause)) == 1) {
		const char *stream = (const char *)sqlite3_column_text(s, 1);
		const char *msg = (const char *)sqlite3_column_text(s, 3);
		if (events_stream_ok(q, stream) && (q->filter == NULL ||
		    sbx_logs_filter_match(q->filter, msg)))
			events_keep(s, out, n);
	}
	if (f == 1)
		f = 0;
	sqlite3_finalize(s);
	sbx_store_unlock(st);
	if (f != 0) {
		sbx_log_events_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	if (q->backwards)
		events_reverse(*out, *n);
	return 0;
}
