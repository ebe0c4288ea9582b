/*
 * svc-logs-filter.c: FilterLogEvents: the events of a log group in time
 * order, narrowed by stream names or a stream name prefix, a time range
 * and a filter pattern (logs-filter.c), a page at a time: nextToken is
 * the event ID of the last event answered.
 */
#include "hs-common.h"
#include "logs.h"

/* Read FilterLogEvents' parameters into q; -1 after answering. */
static int
logs_filter_query(struct sbx_call *c, struct sbx_logs_query *q)
{
	const char *tok = sbx_in_str(c, "nextToken");
	long limit = sbx_in_long(c, "limit", 10000);
	char ts[21];

	q->group = sbx_logs_group_input(c);
	q->stream_names = sbx_in(c, "logStreamNames");
	q->stream_prefix = sbx_in_str(c, "logStreamNamePrefix");
	q->start = sbx_in_long(c, "startTime", 0);
	q->end = sbx_in_long(c, "endTime", 0);
	q->limit = limit < 1 || limit > 10000 ? 10000 : (size_t)limit;
	if (q->stream_names != NULL && q->stream_prefix != NULL)
		return sbx_fail(c, 400, "InvalidParameterException", "Cannot "
		    "specify both logStreamNames and logStreamNamePrefix.");
	if (cJSON_GetArraySize(q->stream_names) > 100)
		return sbx_fail(c, 400, "InvalidParameterException", "At most "
		    "100 logStreamNames may be given.");
	if (tok == NULL)
		return 0;
	if (strlen(tok) != 56 || strspn(tok, "0123456789") != 56)
		return sbx_fail(c, 400, "InvalidParameterException", "The "
		    "specified nextToken is invalid.");
	memcpy(ts, tok, 20);
	ts[20] = '\0';
	q->cursor = true;
	q->cursor_ts = strtoll(ts, NULL, 10);
	q->cursor_id = strtoll(tok + 20, NULL, 10);
	return 0;
}

/* One event as Logs' FilteredLogEvent structure. */
static cJSON *
logs_filtered_json(const struct sbx_log_event *e)
{
	cJSON *o = cJSON_CreateObject();
	char *id = sbx_logs_event_id(e);

	cJSON_AddStringToObject(o, "logStreamName", e->stream);
	cJSON_AddNumberToObject(o, "timestamp", (double)e->ts);
	cJSON_AddStringToObject(o, "message", e->message);
	cJSON_AddNumberToObject(o, "ingestionTime", (double)e->ingestion);
	cJSON_AddStringToObject(o, "eventId", id);
	free(id);
	return o;
}

/* Answer a page of events. */
static void
logs_filter_answer(struct sbx_call *c, const struct sbx_logs_query *q,
    const struct sbx_log_event *ev, size_t n)
{
	cJSON *list;
	char *id;
	size_t i;

	c->output = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(c->output, "events");
	for (i = 0; i < n && i < q->limit; i++)
		cJSON_AddItemToArray(list, logs_filtered_json(&ev[i]));
	cJSON_AddArrayToObject(c->output, "searchedLogStreams");
	if (n > q->limit) {
		id = sbx_logs_event_id(&ev[q->limit - 1]);
		cJSON_AddStringToObject(c->output, "nextToken", id);
		free(id);
	}
}

/* FilterLogEvents. */
int
sbx_logs_filter_log_events(struct sbx_call *c)
{
	struct sbx_logs_query q = { 0 };
	struct sbx_logs_filter *f = NULL;
	struct sbx_log_group g = { 0 };
	struct sbx_log_event *ev = NULL;
	char *cause = NULL;
	size_t n = 0;
	int rc = -1, found;

	if (logs_filter_query(c, &q) != 0 ||
	    sbx_logs_authorize(c, "logs:FilterLogEvents", q.group) != 0)
		return -1;
	if (sbx_logs_filter_parse(sbx_in_str(c, "filterPattern"), &f,
	    &cause) != 0) {
		sbx_fail(c, 400, "InvalidParameterException", "%s", cause);
		free(cause);
		return -1;
	}
	q.filter = f;
	found = sbx_logs_group_get(c->sb->store, q.group ? q.group : "", &g,
	    &cause);
	sbx_log_group_clear(&g);
	if (found != 0)
		found < 0 ? sbx_api_internal(c, cause) : sbx_logs_no_group(c);
	else if (sbx_logs_events(c->sb->store, &q, &ev, &n, &cause) != 0)
		sbx_api_internal(c, cause);
	else {
		logs_filter_answer(c, &q, ev, n);
		rc = 0;
	}
	sbx_log_events_free(ev, n);
	sbx_logs_filter_free(f);
	return rc;
}
