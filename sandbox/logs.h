/*
 * logs.h: CloudWatch Logs in the sandbox: log groups, log streams and
 * their events in the store, filter patterns, and the way Lambda writes a
 * function's output (sbx_logs_append).
 *
 * Store functions return 0 when done, 1 (or 2) for the documented "no
 * such" cases, -1 with *cause on failure. Records own their strings.
 */
#ifndef HS_SANDBOX_LOGS_H
#define HS_SANDBOX_LOGS_H

#include "api.h"

struct sbx_log_group {
	char *name;
	int64_t created_ms;
	int retention;		/* days; 0: never expire */
	char *kms_key;		/* or NULL */
	char *log_class;	/* "STANDARD" or "INFREQUENT_ACCESS" */
	int64_t stored_bytes;
};

struct sbx_log_stream {
	char *name;
	int64_t created_ms;
	int64_t first_ts;	/* 0: no events yet */
	int64_t last_ts;
	int64_t last_ingestion;
	int64_t stored_bytes;
};

struct sbx_log_event {
	int64_t id;		/* order of arrival in the store */
	char *stream;
	int64_t ts;		/* milliseconds since the epoch */
	char *message;
	int64_t ingestion;
};

/* What FilterLogEvents and GetLogEvents ask for. */
struct sbx_logs_query {
	const char *group;
	const char *stream;		/* GetLogEvents: the one stream */
	const cJSON *stream_names;	/* FilterLogEvents: array, or NULL */
	const char *stream_prefix;	/* or NULL */
	int64_t start;			/* 0: from the beginning */
	int64_t end;			/* 0: to the end (exclusive) */
	bool cursor;			/* resume from (cursor_ts, cursor_id) */
	int64_t cursor_ts;
	int64_t cursor_id;
	bool backwards;			/* events before the cursor (or the
					   last events), latest first */
	size_t limit;
	const struct sbx_logs_filter *filter;	/* or NULL: every event */
};

void sbx_log_group_clear(struct sbx_log_group *g);
void sbx_log_stream_clear(struct sbx_log_stream *s);
void sbx_log_events_free(struct sbx_log_event *e, size_t n);

/* store-logs.c */
/* 0 created, 1 exists. tags: JSON text or NULL. */
int sbx_logs_group_create(struct sbx_store *st, const struct sbx_log_group *g,
    const char *tags, char **cause);
/* 0 found, 1 none. */
int sbx_logs_group_get(struct sbx_store *st, const char *name,
    struct sbx_log_group *out, char **cause);
/* Groups whose name starts with prefix, after the name after (or NULL),
 * by name, up to limit. */
int sbx_logs_group_list(struct sbx_store *st, const char *prefix,
    const char *after, size_t limit, struct sbx_log_group **out, size_t *n,
    char **cause);
/* 0 deleted (with its streams and events), 1 none. */
int sbx_logs_group_delete(struct sbx_store *st, const char *name,
    char **cause);
/* Set the retention (days; 0 removes it); 1 if no such group. */
int sbx_logs_group_retention(struct sbx_store *st, const char *name,
    int days, char **cause);
/* 0 created, 1 no such group, 2 the stream exists. */
int sbx_logs_stream_create(struct sbx_store *st, const char *group,
    const char *name, int64_t now_ms, char **cause);
/* The streams of a group with prefix, by name or by last event time,
 * skipping offset, up to limit. */
int sbx_logs_stream_list(struct sbx_store *st, const char *group,
    const char *prefix, bool by_time, bool descending, size_t offset,
    size_t limit, struct sbx_log_stream **out, size_t *n, char **cause);
/* 0 stored, 1 no such group, 2 no such stream. */
int sbx_logs_put(struct sbx_store *st, const char *group, const char *stream,
    const struct sbx_log_event *ev, size_t n, int64_t now_ms, char **cause);
/* The events q asks for, in time order (then arrival): up to
 * q->limit + 1 of them, the extra one telling that there are more;
 * backwards: the ones nearest the cursor, still in time order. */
int sbx_logs_events(struct sbx_store *st, const struct sbx_logs_query *q,
    struct sbx_log_event **out, size_t *n, char **cause);
/* Write lines as events of a stream, creating the group and the stream
 * when missing (what Lambda does for a function). */
int sbx_logs_append(struct sbx_store *st, const char *group,
    const char *stream, const struct sbx_log_event *ev, size_t n,
    int64_t now_ms, char **cause);

/* logs-filter.c: CloudWatch Logs filter patterns of terms: ERROR,
 * "quoted phrase", ?either ?or, -excluded; case-sensitive. */
struct sbx_logs_filter;
/* Parse a pattern ("" or NULL matches everything); -1 with *cause. */
int sbx_logs_filter_parse(const char *pattern, struct sbx_logs_filter **out,
    char **cause);
bool sbx_logs_filter_match(const struct sbx_logs_filter *f,
    const char *message);
void sbx_logs_filter_free(struct sbx_logs_filter *f);

/* logs-util.c */
/* arn:aws:logs:REGION:ACCOUNT:log-group:NAME (with ":*" when star). */
char *sbx_logs_group_arn(const struct sbx_call *c, const char *group,
    bool star);
/* Require the caller's permission for a Logs action on a group. */
int sbx_logs_authorize(struct sbx_call *c, const char *action,
    const char *group);
/* Check a log group name; InvalidParameterException. */
int sbx_logs_check_group_name(struct sbx_call *c, const char *name);
/* The group of the input (logGroupName or logGroupIdentifier). */
const char *sbx_logs_group_input(struct sbx_call *c);
/* Answer ResourceNotFoundException for a group or a stream. */
int sbx_logs_no_group(struct sbx_call *c);
int sbx_logs_no_stream(struct sbx_call *c);
/* An event ID as Logs answers it (56 digits). */
char *sbx_logs_event_id(const struct sbx_log_event *e);

/* The handlers (svc-logs-*.c). */
int sbx_logs_create_log_group(struct sbx_call *c);
int sbx_logs_describe_log_groups(struct sbx_call *c);
int sbx_logs_delete_log_group(struct sbx_call *c);
int sbx_logs_put_retention_policy(struct sbx_call *c);
int sbx_logs_delete_retention_policy(struct sbx_call *c);
int sbx_logs_create_log_stream(struct sbx_call *c);
int sbx_logs_describe_log_streams(struct sbx_call *c);
int sbx_logs_put_log_events(struct sbx_call *c);
int sbx_logs_get_log_events(struct sbx_call *c);
int sbx_logs_filter_log_events(struct sbx_call *c);

#endif
