/*
 * output.c: what the AWS CLI prints for an operation's result - the seam
 * between a parsed output (cJSON, protocol.h's conventions) and the
 * formats of --output. JSON is written now; text, table, yaml and --query
 * plug in here later (hs_output_supported() says which exist, so a
 * command can refuse before it sends anything).
 *
 * Timestamps: the protocols give them in the offset they came with;
 * botocore reads an epoch number with tzlocal(), so the CLI shows those
 * in local time, and so does hs_output_local_times().
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>

/* Rewrite one timestamp string in the local time zone. */
static void
localize(cJSON *v)
{
	struct aws_time t;
	struct hs_buf b = HS_BUF_INIT;
	struct tm tm;
	time_t sec;

	if (!cJSON_IsString(v) || aws_time_parse(v->valuestring, &t) < 0)
		return;
	sec = (time_t)t.sec;
	if (localtime_r(&sec, &tm) == NULL)
		return;
	t.offset_min = (int32_t)(tm.tm_gmtoff / 60);
	aws_time_format_output(&b, &t);
	cJSON_SetValuestring(v, b.buf);
	hs_buf_release(&b);
}

/* Show epoch timestamps in local time. */
void
hs_output_local_times(cJSON *v, const struct aws_service *svc,
    const struct aws_ref *ref)
{
	const struct aws_shape *s;
	const struct aws_member *m;
	cJSON *item;

	if (v == NULL || ref == NULL || (s = ref->shape) == NULL ||
	    (s->flags & AWS_SHAPE_DOCUMENT))
		return;
	if (s->type == AWS_SHAPE_TIMESTAMP) {
		if (aws_protocol_timestamp_format(svc, ref) == AWS_TIMESTAMP_UNIX)
			localize(v);
		return;
	}
	cJSON_ArrayForEach(item, v) {
		if (s->type == AWS_SHAPE_LIST)
			hs_output_local_times(item, svc, &s->member);
		else if (s->type == AWS_SHAPE_MAP)
			hs_output_local_times(item, svc, &s->value);
		else if (s->type == AWS_SHAPE_STRUCTURE &&
		    (m = aws_model_find_member(s, item->string)) != NULL)
			hs_output_local_times(item, svc, &m->ref);
	}
}

/* Tell whether an output format can be printed. */
bool
hs_output_supported(const char *format)
{
	return format == NULL || strcmp(format, "json") == 0;
}

/* Print an operation's output as the AWS CLI does. */
int
hs_output_print(FILE *f, const cJSON *v, const struct aws_ref *ref,
    const char *format, char **cause)
{
	struct hs_buf b = HS_BUF_INIT;

	if (!hs_output_supported(format)) {
		*cause = hs_xasprintf("output format '%s' is not supported yet: "
		    "use --output json", format);
		return -1;
	}
	if (v == NULL || (cJSON_IsObject(v) && v->child == NULL))
		return 0;	/* the CLI prints nothing for {} */
	hs_output_json(&b, v, ref, 4, false);
	hs_buf_addch(&b, '\n');
	fwrite(b.buf, 1, b.len, f);
	fflush(f);
	hs_buf_release(&b);
	return 0;
}
