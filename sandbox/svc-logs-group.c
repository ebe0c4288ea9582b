/*
 * svc-logs-group.c: CloudWatch Logs log groups: CreateLogGroup (with a
 * KMS key ARN and tags), DescribeLogGroups (prefix, pagination),
 * DeleteLogGroup, Put/DeleteRetentionPolicy (Logs' allowed periods).
 */
#include "hs-common.h"
#include "logs.h"

/* The retention periods Logs accepts, in days. */
static const int logs_retentions[] = { 1, 3, 5, 7, 14, 30, 60, 90, 120,
	150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
	3653 };

/* Check a kmsKeyId: a KMS key ARN, as Logs requires. */
static int
logs_check_kms(struct sbx_call *c, const char *key)
{
	if (key == NULL || (hs_starts_with(key, "arn:aws:kms:") &&
	    strstr(key, ":key/") != NULL))
		return 0;
	return sbx_fail(c, 400, "InvalidParameterException", "Specified KMS "
	    "key '%s' is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/"
	    "KEY-ID).", key);
}

/* Check CreateLogGroup's parameters. */
static int
logs_create_check(struct sbx_call *c, const char *name, const char *cls)
{
	if (sbx_logs_check_group_name(c, name) != 0 ||
	    logs_check_kms(c, sbx_in_str(c, "kmsKeyId")) != 0)
		return -1;
	if (cls != NULL && strcmp(cls, "STANDARD") != 0 &&
	    strcmp(cls, "INFREQUENT_ACCESS") != 0)
		return sbx_api_invalid(c, "InvalidParameterException", cls,
		    "logGroupClass", "satisfy enum value set: [STANDARD, "
		    "INFREQUENT_ACCESS]");
	if (cJSON_GetArraySize(sbx_in(c, "tags")) > 50)
		return sbx_fail(c, 400, "InvalidParameterException", "A log "
		    "group can have at most 50 tags.");
	return 0;
}

/* CreateLogGroup. */
int
sbx_logs_create_log_group(struct sbx_call *c)
{
	const char *name = sbx_in_str(c, "logGroupName");
	struct sbx_log_group g = { 0 };
	char *cause = NULL, *tags = NULL;
	int f;

	if (logs_create_check(c, name, sbx_in_str(c, "logGroupClass")) != 0 ||
	    sbx_logs_authorize(c, "logs:CreateLogGroup", name) != 0)
		return -1;
	g.name = (char *)name;
	g.created_ms = c->now_ms;
	g.kms_key = (char *)sbx_in_str(c, "kmsKeyId");
	g.log_class = (char *)sbx_in_str(c, "logGroupClass");
	if (sbx_in(c, "tags") != NULL)
		tags = cJSON_PrintUnformatted(sbx_in(c, "tags"));
	f = sbx_logs_group_create(c->sb->store, &g, tags, &cause);
	free(tags);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 1)
		return sbx_fail(c, 400, "ResourceAlreadyExistsException",
		    "The specified log group already exists");
	c->output = cJSON_CreateObject();
	return 0;
}

/* A group as Logs' LogGroup structure. */
static cJSON *
logs_group_json(struct sbx_call *c, const struct sbx_log_group *g)
{
	cJSON *o = cJSON_CreateObject();
	char *arn;

	cJSON_AddStringToObject(o, "logGroupName", g->name);
	cJSON_AddNumberToObject(o, "creationTime", (double)g->created_ms);
	if (g->retention != 0)
		cJSON_AddNumberToObject(o, "retentionInDays", g->retention);
	cJSON_AddNumberToObject(o, "metricFilterCount", 0);
	arn = sbx_logs_group_arn(c, g->name, true);
	cJSON_AddStringToObject(o, "arn", arn);
	free(arn);
	cJSON_AddNumberToObject(o, "storedBytes", (double)g->stored_bytes);
	if (g->kms_key != NULL)
		cJSON_AddStringToObject(o, "kmsKeyId", g->kms_key);
	cJSON_AddStringToObject(o, "logGroupClass", g->log_class);
	arn = sbx_logs_group_arn(c, g->name, false);
	cJSON_AddStringToObject(o, "logGroupArn", arn);
	free(arn);
	return o;
}

/* DescribeLogGroups (nextToken: the last name of the previous page). */
int
sbx_logs_describe_log_groups(struct sbx_call *c)
{
	long limit = sbx_in_long(c, "limit", 50);
	struct sbx_log_group *g = NULL;
	char *cause = NULL;
	size_t n = 0, i;
	cJSON *list;

	if (limit < 1 || limit > 50)
		return sbx_api_invalid(c, "InvalidParameterException", "",
		    "limit", "have value between 1 and 50");
	if (sbx_in(c, "logGroupNamePattern") != NULL ||
	    sbx_in(c, "logGroupIdentifiers") != NULL)
		return sbx_fail(c, 501, "NotImplemented", "The sandbox "
		    "describes log groups by logGroupNamePrefix only");
	if (sbx_logs_authorize(c, "logs:DescribeLogGroups", NULL) != 0)
		return -1;
	if (sbx_logs_group_list(c->sb->store, sbx_in_str(c,
	    "logGroupNamePrefix"), sbx_in_str(c, "nextToken"),
	    (size_t)limit + 1, &g, &n, &cause) != 0)
		return sbx_api_internal(c, cause);
	c->output = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(c->output, "logGroups");
	for (i = 0; i < n && i < (size_t)limit; i++)
		cJSON_AddItemToArray(list, logs_group_json(c, &g[i]));
	if (n > (size_t)limit)
		cJSON_AddStringToObject(c->output, "nextToken",
		    g[limit - 1].name);
	for (i = 0; i < n; i++)
		sbx_log_group_clear(&g[i]);
	free(g);
	return 0;
}

/* DeleteLogGroup. */
int
sbx_logs_delete_log_group(struct sbx_call *c)
{
	const char *name = sbx_logs_group_input(c);
	char *cause = NULL;
	int f;

	if (sbx_logs_authorize(c, "logs:DeleteLogGroup", name) != 0)
		return -1;
	f = sbx_logs_group_delete(c->sb->store, name ? name : "", &cause);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 1)
		return sbx_logs_no_group(c);
	c->output = cJSON_CreateObject();
	return 0;
}

/* Set or remove a retention after the checks. */
static int
logs_set_retention(struct sbx_call *c, int days, const char *action)
{
	const char *name = sbx_logs_group_input(c);
	char *cause = NULL;
	int f;

	if (sbx_logs_authorize(c, action, name) != 0)
		return -1;
	f = sbx_logs_group_retention(c->sb->store, name ? name : "", days,
	    &cause);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 1)
		return sbx_logs_no_group(c);
	c->output = cJSON_CreateObject();
	return 0;
}

/* PutRetentionPolicy. */
int
sbx_logs_put_retention_policy(struct sbx_call *c)
{
	long days = sbx_in_long(c, "retentionInDays", 0);
	char num[24];
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(logs_retentions); i++)
		if (logs_retentions[i] == days)
			return logs_set_retention(c, (int)days,
			    "logs:PutRetentionPolicy");
	return sbx_api_invalid(c, "InvalidParameterException",
	    sbx_itoa(days, num), "retentionInDays", "satisfy enum value set: "
	    "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, "
	    "1096, 1827, 2192, 2557, 2922, 3288, 3653]");
}

/* DeleteRetentionPolicy. */
int
sbx_logs_delete_retention_policy(struct sbx_call *c)
{
	return logs_set_retention(c, 0, "logs:DeleteRetentionPolicy");
}
