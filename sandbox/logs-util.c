/*
 * logs-util.c: what the CloudWatch Logs handlers share: ARNs, the
 * caller's permission, name checks, the "does not exist" answers and
 * event IDs (56 digits, as Logs writes them: here the event's time and
 * its arrival number, which is also what pagination resumes from).
 */
#include "hs-common.h"
#include "logs.h"

#include <inttypes.h>

/* arn:aws:logs:REGION:ACCOUNT:log-group:NAME (with ":*" when star). */
char *
sbx_logs_group_arn(const struct sbx_call *c, const char *group, bool star)
{
	return hs_xasprintf("arn:aws:logs:%s:%s:log-group:%s%s",
	    c->region ? c->region : "us-east-1", c->sb->account_id,
	    group ? group : "", star ? ":*" : "");
}

/* Require the caller's permission for a Logs action on a group. */
int
sbx_logs_authorize(struct sbx_call *c, const char *action, const char *group)
{
	char *arn = group ? sbx_logs_group_arn(c, group, false) : NULL;
	int rc = sbx_api_authorize(c, "AccessDeniedException", action, arn);

	free(arn);
	return rc;
}

/* Check a log group name; InvalidParameterException. */
int
sbx_logs_check_group_name(struct sbx_call *c, const char *name)
{
	if (name != NULL && strlen(name) > 512)
		return sbx_api_invalid(c, "InvalidParameterException", name,
		    "logGroupName", "have length less than or equal to 512");
	if (!sbx_api_name_ok(name, 512, "._-/#"))
		return sbx_api_invalid(c, "InvalidParameterException", name,
		    "logGroupName", "satisfy regular expression pattern: "
		    "[\\.\\-_/#A-Za-z0-9]+");
	return 0;
}

/* The group of the input (logGroupName, or a logGroupIdentifier that is
 * a name or an ARN). */
const char *
sbx_logs_group_input(struct sbx_call *c)
{
	const char *g = sbx_in_str(c, "logGroupName");
	const char *id = sbx_in_str(c, "logGroupIdentifier");
	const char *p;

	if (g != NULL || id == NULL)
		return g;
	p = strstr(id, ":log-group:");
	return p ? p + strlen(":log-group:") : id;
}

/* Answer ResourceNotFoundException for a group. */
int
sbx_logs_no_group(struct sbx_call *c)
{
	return sbx_fail(c, 400, "ResourceNotFoundException", "The specified "
	    "log group does not exist.");
}

/* Answer ResourceNotFoundException for a stream. */
int
sbx_logs_no_stream(struct sbx_call *c)
{
	return sbx_fail(c, 400, "ResourceNotFoundException", "The specified "
	    "log stream does not exist.");
}

/* An event ID as Logs answers it: 56 digits, time then arrival. */
char *
sbx_logs_event_id(const struct sbx_log_event *e)
{
	return hs_xasprintf("%020" PRId64 "%036" PRId64, e->ts, e->id);
}
