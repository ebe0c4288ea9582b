/*
 * log.c: --log FILE, one JSON line per request: time, service, operation,
 * status, error code and request ID. No bodies, no headers, no keys: the
 * log never holds a secret nor the name of an object.
 */
#include "hs-common.h"
#include "sbx.h"

#include <errno.h>

/* Open the request log for appending. */
int
sbx_log_open(struct sandbox *sb, const char *path, char **cause)
{
	sb->log = fopen(path, "ae");
	if (sb->log == NULL) {
		*cause = hs_xasprintf("cannot open log '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Add S3's access-log durations: from the request line to the last byte
 * sent (total_ms), and from the whole request to the answer
 * (turnaround_ms, the time spent serving it). */
static void
log_durations(cJSON *o, const struct sbx_call *c)
{
	int64_t now = sbx_mono_us();

	cJSON_AddNumberToObject(o, "total_ms", (double)((now - c->start_us) /
	    1000));
	if (c->answered_us != 0)
		cJSON_AddNumberToObject(o, "turnaround_ms",
		    (double)((c->answered_us - c->served_us) / 1000));
}

/* Write the line of one answered request. */
void
sbx_log_call(struct sandbox *sb, const struct sbx_call *c)
{
	cJSON *o;
	char when[40], *line;

	if (sb->log == NULL)
		return;
	sbx_iso_date(c->now_ms, when);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "time", when);
	cJSON_AddStringToObject(o, "service", c->svc ? c->svc->name : "");
	cJSON_AddStringToObject(o, "operation", c->op_name ? c->op_name : "");
	cJSON_AddStringToObject(o, "method", c->req.method ? c->req.method : "");
	cJSON_AddNumberToObject(o, "status", c->status);
	if (c->err_code != NULL)
		cJSON_AddStringToObject(o, "error", c->err_code);
	cJSON_AddStringToObject(o, "request_id", c->request_id);
	log_durations(o, c);
	if (c->who != NULL)
		cJSON_AddStringToObject(o, "principal", c->who->arn);
	line = cJSON_PrintUnformatted(o);
	pthread_mutex_lock(&sb->log_lock);
	fprintf(sb->log, "%s\n", line);
	fflush(sb->log);
	pthread_mutex_unlock(&sb->log_lock);
	cJSON_free(line);
	cJSON_Delete(o);
}

/* Close the request log. */
void
sbx_log_close(struct sandbox *sb)
{
	if (sb->log != NULL)
		fclose(sb->log);
	sb->log = NULL;
}
