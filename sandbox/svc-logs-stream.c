/*
 * svc-logs-stream.c: CloudWatch Logs log streams and their events:
 * CreateLogStream, DescribeLogStreams (by name or by last event time,
 * pagination), PutLogEvents (chronological batches, too old and too new
 * events rejected as Logs reports them) and GetLogEvents (from the head
 * or the tail, forward and backward tokens).
 */
#include "hs-common.h"
#include "logs.h"

#include <inttypes.h>

#define LOGS_MAX_EVENT (262144 - 26)
#define LOGS_DAY_MS ((int64_t)24 * 3600 * 1000)

/* Check a log stream name: 1 to 512 characters without ':' or '*'. */
static int
logs_check_stream_name(struct sbx_call *c, const char *name)
{
	if (name == NULL || *name == '\0' || strlen(name) > 512 ||
	    strpbrk(name, ":*") != NULL)
		return sbx_api_invalid(c, "InvalidParameterException", name,
		    "logStreamName", "satisfy regular expression pattern: "
		    "[^:*]*");
	return 0;
}

/* CreateLogStream. */
int
sbx_logs_create_log_stream(struct sbx_call *c)
{
	const char *group = sbx_logs_group_input(c);
	const char *name = sbx_in_str(c, "logStreamName");
	char *cause = NULL;
	int f;

	if (logs_check_stream_name(c, name) != 0 ||
	    sbx_logs_authorize(c, "logs:CreateLogStream", group) != 0)
		return -1;
	f = sbx_logs_stream_create(c->sb->store, group ? group : "", name,
	    c->now_ms, &cause);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 1)
		return sbx_logs_no_group(c);
	if (f == 2)
		return sbx_fail(c, 400, "ResourceAlreadyExistsException",
		    "The specified log stream already exists");
	c->output = cJSON_CreateObject();
	return 0;
}

/* A stream as Logs' LogStream structure. */
static cJSON *
logs_stream_json(struct sbx_call *c, const char *group,
    const struct sbx_log_stream *s)
{
	cJSON *o = cJSON_CreateObject();
	char *arn = sbx_logs_group_arn(c, group, false), *full;

	cJSON_AddStringToObject(o, "logStreamName", s->name);
	cJSON_AddNumberToObject(o, "creationTime", (double)s->created_ms);
	if (s->last_ingestion != 0) {
		cJSON_AddNumberToObject(o, "firstEventTimestamp",
		    (double)s->first_ts);
		cJSON_AddNumberToObject(o, "lastEventTimestamp",
		    (double)s->last_ts);
		cJSON_AddNumberToObject(o, "lastIngestionTime",
		    (double)s->last_ingestion);
	}
	full = hs_xasprintf("%s:log-stream:%s", arn, s->name);
	cJSON_AddStringToObject(o, "arn", full);
	cJSON_AddNumberToObject(o, "storedBytes", 0);
	free(full);
	free(arn);
	return o;
}

/* Read DescribeLogStreams' ordering; -1 after answering. */
static int
logs_stream_order(struct sbx_call *c, bool *by_time)
{
	const char *order = sbx_in_str(c, "orderBy");

	*by_time = order != NULL && strcmp(order, "LastEventTime") == 0;
	if (order != NULL && !*by_time && strcmp(order, "LogStreamName") != 0)
		return sbx_api_invalid(c, "InvalidParameterException", order,
		    "orderBy", "satisfy enum value set: [LogStreamName, "
		    "LastEventTime]");
	if (*by_time && sbx_in_str(c, "logStreamNamePrefix") != NULL)
		return sbx_fail(c, 400, "InvalidParameterException", "Cannot "
		    "order by LastEventTime with a logStreamNamePrefix.");
	return 0;
}

/* Answer a page of streams (nextToken: the offset of the next page). */
static void
logs_streams_answer(struct sbx_call *c, const char *group,
    struct sbx_log_stream *s, size_t n, size_t offset, size_t limit)
{
	cJSON *list;
	char tok[24];
	size_t i;

	c->output = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(c->output, "logStreams");
	for (i = 0; i < n && i < limit; i++)
		cJSON_AddItemToArray(list, logs_stream_json(c, group, &s[i]));
	if (n > limit)
		cJSON_AddStringToObject(c->output, "nextToken",
		    sbx_itoa((int64_t)(offset + limit), tok));
}

/* DescribeLogStreams. */
int
sbx_logs_describe_log_streams(struct sbx_call *c)
{
	const char *group = sbx_logs_group_input(c);
	const char *token = sbx_in_str(c, "nextToken");
	long limit = sbx_in_long(c, "limit", 50);
	struct sbx_log_group g = { 0 };
	struct sbx_log_stream *s = NULL;
	size_t n = 0, i, offset = token ? strtoul(token, NULL, 10) : 0;
	char *cause = NULL;
	bool by_time;
	int f;

	if (limit < 1 || limit > 50)
		return sbx_api_invalid(c, "InvalidParameterException", "",
		    "limit", "have value between 1 and 50");
	if (logs_stream_order(c, &by_time) != 0 ||
	    sbx_logs_authorize(c, "logs:DescribeLogStreams", group) != 0)
		return -1;
	f = sbx_logs_group_get(c->sb->store, group ? group : "", &g, &cause);
	sbx_log_group_clear(&g);
	if (f != 0)
		return f < 0 ? sbx_api_internal(c, cause) : sbx_logs_no_group(c);
	if (sbx_logs_stream_list(c->sb->store, group, sbx_in_str(c,
	    "logStreamNamePrefix"), by_time, sbx_in_bool(c, "descending", false),
	    offset, (size_t)limit + 1, &s, &n, &cause) != 0)
		return sbx_api_internal(c, cause);
	logs_streams_answer(c, group, s, n, offset, (size_t)limit);
	for (i = 0; i < n; i++)
		sbx_log_stream_clear(&s[i]);
	free(s);
	return 0;
}

/* Read the events of a PutLogEvents; -1 after answering. */
static int
logs_read_events(struct sbx_call *c, struct sbx_log_event **ev, size_t *n)
{
	cJSON *list = sbx_in(c, "logEvents"), *e;

	*ev = hs_xcalloc((size_t)cJSON_GetArraySize(list) + 1, sizeof **ev);
	*n = 0;
	cJSON_ArrayForEach(e, list) {
		cJSON *ts = cJSON_GetObjectItemCaseSensitive(e, "timestamp");
		const char *msg = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(e, "message"));
		if (msg == NULL || !cJSON_IsNumber(ts))
			return sbx_fail(c, 400, "InvalidParameterException",
			    "Each log event needs a timestamp and a message.");
		if (strlen(msg) > LOGS_MAX_EVENT)
			return sbx_fail(c, 400, "InvalidParameterException",
			    "Log event too large: %zu bytes exceeds limit of "
			    "262144", strlen(msg) + 26);
		(*ev)[*n].ts = (int64_t)ts->valuedouble;
		(*ev)[(*n)++].message = (char *)msg;
		if (*n > 1 && (*ev)[*n - 1].ts < (*ev)[*n - 2].ts)
			return sbx_fail(c, 400, "InvalidParameterException",
			    "Log events in a single PutLogEvents request must "
			    "be in chronological order.");
	}
	if (*n > 0 && (*ev)[*n - 1].ts - (*ev)[0].ts > LOGS_DAY_MS)
		return sbx_fail(c, 400, "InvalidParameterException", "The batch "
		    "of log events in a single PutLogEvents request cannot span "
		    "more than 24 hours.");
	return 0;
}

/* Split off too old (> 14 days, or past retention) and too new (> 2 h
 * ahead) events, as rejectedLogEventsInfo reports them. */
static void
logs_reject(struct sbx_call *c, const struct sbx_log_event *ev, size_t n,
    int retention, size_t *first, size_t *last, cJSON *out)
{
	int64_t old = c->now_ms - 14 * LOGS_DAY_MS;
	int64_t expired = retention ? c->now_ms - retention * LOGS_DAY_MS :
	    INT64_MIN;
	int64_t future = c->now_ms + 2 * 3600 * 1000;
	cJSON *info = cJSON_CreateObject();

	*first = 0;
	*last = n;
	while (*first < n && (ev[*first].ts < old || ev[*first].ts < expired))
		(*first)++;
	while (*last > *first && ev[*last - 1].ts > future)
		(*last)--;
	if (*first > 0)
		cJSON_AddNumberToObject(info, ev[*first - 1].ts < expired ?
		    "expiredLogEventEndIndex" : "tooOldLogEventEndIndex",
		    (double)(*first - 1));
	if (*last < n)
		cJSON_AddNumberToObject(info, "tooNewLogEventStartIndex",
		    (double)*last);
	if (info->child != NULL)
		cJSON_AddItemToObject(out, "rejectedLogEventsInfo", info);
	else
		cJSON_Delete(info);
}

/* Store the accepted events; answer the next sequence token. */
static int
logs_put_accepted(struct sbx_call *c, const char *group, const char *stream,
    struct sbx_log_event *ev, size_t n)
{
	struct sbx_log_group g = { 0 };
	size_t first, last;
	char *cause = NULL, tok[57];
	int f;

	f = sbx_logs_group_get(c->sb->store, group, &g, &cause);
	if (f != 0)
		return f < 0 ? sbx_api_internal(c, cause) : sbx_logs_no_group(c);
	c->output = cJSON_CreateObject();
	logs_reject(c, ev, n, g.retention, &first, &last, c->output);
	sbx_log_group_clear(&g);
	f = sbx_logs_put(c->sb->store, group, stream, ev + first, last - first,
	    c->now_ms, &cause);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f > 0)
		return f == 1 ? sbx_logs_no_group(c) : sbx_logs_no_stream(c);
	snprintf(tok, sizeof tok, "%056" PRId64, c->now_ms);
	cJSON_AddStringToObject(c->output, "nextSequenceToken", tok);
	return 0;
}

/* PutLogEvents. */
int
sbx_logs_put_log_events(struct sbx_call *c)
{
	const char *group = sbx_logs_group_input(c);
	const char *stream = sbx_in_str(c, "logStreamName");
	struct sbx_log_event *ev = NULL;
	size_t n = 0;
	int rc = -1;

	if (sbx_logs_authorize(c, "logs:PutLogEvents", group) != 0)
		return -1;
	if (cJSON_GetArraySize(sbx_in(c, "logEvents")) > 10000)
		return sbx_fail(c, 400, "InvalidParameterException", "A batch "
		    "holds at most 10000 log events.");
	if (logs_read_events(c, &ev, &n) == 0)
		rc = logs_put_accepted(c, group ? group : "",
		    stream ? stream : "", ev, n);
	free(ev);	/* messages are borrowed from the input */
	return rc;
}

/* Parse a GetLogEvents token ("f/" or "b/" and 56 digits). */
static int
logs_parse_token(const char *t, struct sbx_logs_query *q)
{
	char ts[21];

	if (t == NULL)
		return 0;
	if (strlen(t) != 58 || (t[0] != 'f' && t[0] != 'b') || t[1] != '/' ||
	    strspn(t + 2, "0123456789") != 56)
		return -1;
	memcpy(ts, t + 2, 20);
	ts[20] = '\0';
	q->cursor = true;
	q->cursor_ts = strtoll(ts, NULL, 10);
	q->cursor_id = strtoll(t + 22, NULL, 10);
	q->backwards = t[0] == 'b';
	return 0;
}

/* Make a GetLogEvents token for an event. */
static char *
logs_token(char dir, int64_t ts, int64_t id)
{
	return hs_xasprintf("%c/%020" PRId64 "%036" PRId64, dir, ts, id);
}

/* Answer GetLogEvents' events and tokens. */
static void
logs_get_answer(struct sbx_call *c, const struct sbx_logs_query *q,
    struct sbx_log_event *ev, size_t n)
{
	cJSON *list;
	char *tok;
	size_t i;

	c->output = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(c->output, "events");
	for (i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "timestamp", (double)ev[i].ts);
		cJSON_AddStringToObject(o, "message", ev[i].message);
		cJSON_AddNumberToObject(o, "ingestionTime",
		    (double)ev[i].ingestion);
		cJSON_AddItemToArray(list, o);
	}
	tok = n ? logs_token('f', ev[n - 1].ts, ev[n - 1].id) :
	    logs_token('f', q->cursor_ts, q->cursor_id);
	cJSON_AddStringToObject(c->output, "nextForwardToken", tok);
	free(tok);
	tok = n ? logs_token('b', ev[0].ts, ev[0].id) :
	    logs_token('b', q->cursor_ts, q->cursor_id);
	cJSON_AddStringToObject(c->output, "nextBackwardToken", tok);
	free(tok);
}

/* Check that the stream of a GetLogEvents exists. */
static int
logs_stream_known(struct sbx_call *c, const char *group, const char *stream)
{
	struct sbx_log_group g = { 0 };
	struct sbx_log_stream *s = NULL;
	char *cause = NULL;
	size_t n = 0, i;
	bool found = false;
	int f;

	f = sbx_logs_group_get(c->sb->store, group, &g, &cause);
	sbx_log_group_clear(&g);
	if (f != 0)
		return f < 0 ? sbx_api_internal(c, cause) : sbx_logs_no_group(c);
	if (sbx_logs_stream_list(c->sb->store, group, stream, false, false, 0,
	    1000, &s, &n, &cause) != 0)
		return sbx_api_internal(c, cause);
	for (i = 0; i < n; i++) {
		found = found || strcmp(s[i].name, stream) == 0;
		sbx_log_stream_clear(&s[i]);
	}
	free(s);
	return found ? 0 : sbx_logs_no_stream(c);
}

/* GetLogEvents. */
int
sbx_logs_get_log_events(struct sbx_call *c)
{
	struct sbx_logs_query q = { 0 };
	struct sbx_log_event *ev = NULL;
	char *cause = NULL;
	long limit = sbx_in_long(c, "limit", 10000);
	size_t n = 0;

	q.group = sbx_logs_group_input(c);
	q.stream = sbx_in_str(c, "logStreamName");
	q.start = sbx_in_long(c, "startTime", 0);
	q.end = sbx_in_long(c, "endTime", 0);
	q.limit = limit < 1 || limit > 10000 ? 10000 : (size_t)limit;
	q.backwards = !sbx_in_bool(c, "startFromHead", false);
	if (logs_parse_token(sbx_in_str(c, "nextToken"), &q) != 0)
		return sbx_fail(c, 400, "InvalidParameterException", "The "
		    "specified nextToken is invalid.");
	if (sbx_logs_authorize(c, "logs:GetLogEvents", q.group) != 0 ||
	    logs_stream_known(c, q.group ? q.group : "", q.stream ? q.stream :
	    "") != 0)
		return -1;
	if (sbx_logs_events(c->sb->store, &q, &ev, &n, &cause) != 0)
		return sbx_api_internal(c, cause);
	if (n > q.limit && q.backwards)
		logs_get_answer(c, &q, ev + 1, q.limit);
	else
		logs_get_answer(c, &q, ev, n > q.limit ? q.limit : n);
	sbx_log_events_free(ev, n);
	return 0;
}
