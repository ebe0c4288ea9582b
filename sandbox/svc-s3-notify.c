/*
 * svc-s3-notify.c: Put/GetBucketNotificationConfiguration with S3's
 * validations: known event names, at most one prefix and one suffix rule
 * per filter, no two configurations sharing an event type with
 * overlapping filters, and every destination validated: each Lambda
 * function must exist and its resource policy must let s3.amazonaws.com
 * invoke it for this bucket (judged by the policy engine), else
 * InvalidArgument "Unable to validate the following destination
 * configurations". SNS topics and SQS queues are destinations the
 * sandbox does not have, so they never validate; EventBridge answers
 * NotImplemented.
 */
#include "hs-common.h"
#include "s3-notify.h"
#include "lambda.h"

#include <strings.h>

/* Answer InvalidArgument with S3's argument members. */
static int
notify_invalid(struct sbx_call *c, const char *msg, const char *name,
    const char *value)
{
	sbx_fail(c, 400, "InvalidArgument", "%s", msg);
	sbx_fail_field(c, "ArgumentName", name);
	sbx_fail_field(c, "ArgumentValue", value);
	return -1;
}

/* A string member of a structure, or NULL. */
static const char *
notify_str(const cJSON *o, const char *name)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, name));
}

/* Read one FilterRule into cfg (Prefix or Suffix); -1 after answering. */
static int
notify_rule(struct sbx_call *c, const cJSON *r, cJSON *cfg)
{
	const char *name = notify_str(r, "Name");
	const char *value = notify_str(r, "Value");
	const char *key;

	if (name == NULL || value == NULL)
		return sbx_s3_malformed_xml(c);
	if (strcasecmp(name, "prefix") == 0)
		key = "Prefix";
	else if (strcasecmp(name, "suffix") == 0)
		key = "Suffix";
	else
		return notify_invalid(c, "filter rule name must be either prefix "
		    "or suffix", "FilterRule.Name", name);
	if (cJSON_HasObjectItem(cfg, key))
		return notify_invalid(c, strcmp(key, "Prefix") == 0 ? "Cannot "
		    "specify more than one prefix rule in a filter." : "Cannot "
		    "specify more than one suffix rule in a filter.",
		    "FilterRule.Name", name);
	if (strlen(value) > 1024)
		return notify_invalid(c, "filter rule value is too long",
		    "FilterRule.Value", value);
	cJSON_AddStringToObject(cfg, key, value);
	return 0;
}

/* Read a Filter's rules (Filter.Key.FilterRules) into cfg. */
static int
notify_filter(struct sbx_call *c, const cJSON *conf, cJSON *cfg)
{
	const cJSON *key = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(conf, "Filter"), "Key"), *r;

	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(key,
	    "FilterRules"))
		if (notify_rule(c, r, cfg) != 0)
			return -1;
	return 0;
}

/* A configuration ID when none was given: base64 of a UUID, as S3. */
static char *
notify_new_id(void)
{
	char uuid[37];

	sbx_api_uuid(uuid);
	return sbx_base64_encode(uuid, 36);
}

/* The kinds of destination: the input's list, the ARN member, and the
 * name S3's XML gives the destination (kept as the configuration's Kind). */
static const struct {
	const char *list;
	const char *arn;
	const char *kind;
} notify_kinds[] = {
	{ "LambdaFunctionConfigurations", "LambdaFunctionArn", "CloudFunction" },
	{ "QueueConfigurations", "QueueArn", "Queue" },
	{ "TopicConfigurations", "TopicArn", "Topic" },
};

/* Read one configuration of kind k into cfg. */
static int
notify_config(struct sbx_call *c, const cJSON *conf, size_t k, cJSON *cfg)
{
	const char *id = notify_str(conf, "Id");
	const char *arn = notify_str(conf, notify_kinds[k].arn);
	cJSON *events = cJSON_AddArrayToObject(cfg, "Events");
	const cJSON *e;
	char *gen = NULL;

	if (arn == NULL)
		return sbx_s3_malformed_xml(c);
	cJSON_AddStringToObject(cfg, "Id", id ? id : (gen = notify_new_id()));
	free(gen);
	cJSON_AddStringToObject(cfg, "Arn", arn);
	cJSON_AddStringToObject(cfg, "Kind", notify_kinds[k].kind);
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(conf,
	    "Events")) {
		const char *ev = cJSON_GetStringValue(e);
		if (ev == NULL || !sbx_s3_event_known(ev))
			return notify_invalid(c, "The event is not supported for "
			    "notifications", "Event", ev ? ev : "");
		cJSON_AddItemToArray(events, cJSON_CreateString(ev));
	}
	if (cJSON_GetArraySize(events) == 0)
		return sbx_s3_malformed_xml(c);
	return notify_filter(c, conf, cfg);
}

/* Read the configurations of the input's NotificationConfiguration. */
static int
notify_parse(struct sbx_call *c, cJSON *out)
{
	const cJSON *in = sbx_in(c, "NotificationConfiguration"), *conf;
	size_t k;

	if (in == NULL)
		return sbx_s3_malformed_xml(c);
	if (cJSON_GetObjectItemCaseSensitive(in, "EventBridgeConfiguration"))
		return sbx_fail(c, 501, "NotImplemented", "The sandbox "
		    "does not deliver events to Amazon EventBridge");
	for (k = 0; k < HS_ARRAY_SIZE(notify_kinds); k++)
		cJSON_ArrayForEach(conf, cJSON_GetObjectItemCaseSensitive(in,
		    notify_kinds[k].list)) {
			cJSON *cfg = cJSON_CreateObject();

			cJSON_AddItemToArray(out, cfg);
			if (notify_config(c, conf, k, cfg) != 0)
				return -1;
		}
	return 0;
}

/* Tell whether two filters can both match one key. */
static bool
notify_filters_overlap(const cJSON *a, const cJSON *b)
{
	const char *pa = cJSON_GetStringValue(cJSON_GetObjectItem(a, "Prefix"));
	const char *pb = cJSON_GetStringValue(cJSON_GetObjectItem(b, "Prefix"));
	const char *sa = cJSON_GetStringValue(cJSON_GetObjectItem(a, "Suffix"));
	const char *sb = cJSON_GetStringValue(cJSON_GetObjectItem(b, "Suffix"));
	bool prefixes = !pa || !pb || hs_starts_with(pa, pb) ||
	    hs_starts_with(pb, pa);
	bool suffixes = !sa || !sb || hs_ends_with(sa, sb) ||
	    hs_ends_with(sb, sa);

	return prefixes && suffixes;
}

/* Tell whether two configurations share an event type. */
static bool
notify_events_share(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;

	cJSON_ArrayForEach(x, cJSON_GetObjectItem(a, "Events"))
		cJSON_ArrayForEach(y, cJSON_GetObjectItem(b, "Events"))
			if (sbx_s3_event_covers(x->valuestring,
			    y->valuestring + 3) || sbx_s3_event_covers(
			    y->valuestring, x->valuestring + 3))
				return true;
	return false;
}

/* Refuse configurations that overlap; -1 after answering. */
static int
notify_check_overlap(struct sbx_call *c, const cJSON *all)
{
	const cJSON *a, *b;

	cJSON_ArrayForEach(a, all)
		for (b = a->next; b != NULL; b = b->next)
			if (notify_events_share(a, b) &&
			    notify_filters_overlap(a, b))
				return sbx_fail(c, 400, "InvalidArgument",
				    "Configuration is ambiguously defined. Cannot "
				    "have overlapping suffixes in two rules if the "
				    "prefixes are overlapping for the same event "
				    "type.");
	return 0;
}

/* Tell whether S3 may invoke a Lambda destination for this bucket. */
static bool
notify_lambda_ok(struct sbx_call *c, const struct sbx_bucket *b,
    const char *arn)
{
	struct sbx_lambda_fn f = { 0 };
	char *name = NULL, *qual = NULL, *cause = NULL, *src;
	bool ok = false;

	if (hs_starts_with(arn, "arn:aws:lambda:") &&
	    sbx_lambda_parse_name(arn, &name, &qual) &&
	    strstr(arn, c->sb->account_id) != NULL &&
	    sbx_lambda_fn_get(c->sb->store, name, qual ? qual : "$LATEST", &f,
	    &cause) == 0) {
		src = hs_xasprintf("arn:aws:s3:::%s", b->name);
		ok = sbx_lambda_policy_allows(c->sb, &f, "s3.amazonaws.com", src,
		    b->owner, c->now);
		free(src);
	}
	free(cause);
	free(name);
	free(qual);
	sbx_lambda_fn_clear(&f);
	return ok;
}

/* The reason a destination does not validate, or NULL when it does. */
static const char *
notify_destination(struct sbx_call *c, const struct sbx_bucket *b,
    const cJSON *cfg, char **why)
{
	const char *kind = cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "Kind"));
	const char *arn = cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "Arn"));

	if (strcmp(kind, "CloudFunction") == 0) {
		if (notify_lambda_ok(c, b, arn))
			return NULL;
		*why = hs_xasprintf("Not authorized to invoke function [%s]", arn);
	} else
		*why = hs_xasprintf("Permissions on the destination %s do not "
		    "allow S3 to publish notifications from this bucket (the "
		    "sandbox has no Amazon %s)", strcmp(kind, "Queue") == 0 ?
		    "queue" : "topic", strcmp(kind, "Queue") == 0 ? "SQS" : "SNS");
	return arn;
}

/* Validate every destination; -1 after answering. */
static int
notify_check_destinations(struct sbx_call *c, const struct sbx_bucket *b,
    const cJSON *all)
{
	const cJSON *cfg;
	int k = 0;

	if (sbx_in_bool(c, "SkipDestinationValidation", false))
		return 0;
	cJSON_ArrayForEach(cfg, all) {
		char *why = NULL, name[32], value[32];
		const char *arn = notify_destination(c, b, cfg, &why);
		if (arn == NULL)
			continue;
		if (k++ == 0)
			sbx_fail(c, 400, "InvalidArgument", "Unable to validate "
			    "the following destination configurations");
		snprintf(name, sizeof name, "ArgumentName%d", k);
		snprintf(value, sizeof value, "ArgumentValue%d", k);
		sbx_fail_field(c, name, arn);
		sbx_fail_field(c, value, why);
		free(why);
	}
	return k > 0 ? -1 : 0;
}

/* PutBucketNotificationConfiguration. */
int
sbx_s3_put_bucket_notification_configuration(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	cJSON *all = cJSON_CreateArray();
	char *cause = NULL;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		goto cleanup;
	if (sbx_s3_authorize(c, &b, "s3:PutBucketNotification", NULL) != 0 ||
	    notify_parse(c, all) != 0 ||
	    notify_check_overlap(c, all) != 0 ||
	    notify_check_destinations(c, &b, all) != 0)
		goto cleanup;
	if (sbx_s3_notify_set(c->sb->store, &b, all, &cause) != 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	c->output = cJSON_CreateObject();
	rc = 0;
cleanup:
	cJSON_Delete(all);
	sbx_bucket_clear(&b);
	return rc;
}

/* Add one kept configuration to the output, in its kind's list. */
static void
notify_output(cJSON *out, const cJSON *cfg)
{
	const char *kind = notify_str(cfg, "Kind");
	const char *pre = notify_str(cfg, "Prefix");
	const char *suf = notify_str(cfg, "Suffix");
	cJSON *o, *list, *rules, *r;
	size_t k = 0;

	while (k + 1 < HS_ARRAY_SIZE(notify_kinds) &&
	    strcmp(notify_kinds[k].kind, kind ? kind : "") != 0)
		k++;
	list = cJSON_GetObjectItemCaseSensitive(out, notify_kinds[k].list);
	if (list == NULL)
		list = cJSON_AddArrayToObject(out, notify_kinds[k].list);
	o = cJSON_CreateObject();
	cJSON_AddItemToArray(list, o);
	cJSON_AddStringToObject(o, "Id", notify_str(cfg, "Id"));
	cJSON_AddStringToObject(o, notify_kinds[k].arn, notify_str(cfg, "Arn"));
	cJSON_AddItemToObject(o, "Events", cJSON_Duplicate(
	    cJSON_GetObjectItemCaseSensitive(cfg, "Events"), true));
	if (pre == NULL && suf == NULL)
		return;
	rules = cJSON_AddArrayToObject(cJSON_AddObjectToObject(
	    cJSON_AddObjectToObject(o, "Filter"), "Key"), "FilterRules");
	if (pre != NULL) {
		cJSON_AddItemToArray(rules, r = cJSON_CreateObject());
		cJSON_AddStringToObject(r, "Name", "Prefix");
		cJSON_AddStringToObject(r, "Value", pre);
	}
	if (suf != NULL) {
		cJSON_AddItemToArray(rules, r = cJSON_CreateObject());
		cJSON_AddStringToObject(r, "Name", "Suffix");
		cJSON_AddStringToObject(r, "Value", suf);
	}
}

/* GetBucketNotificationConfiguration. */
int
sbx_s3_get_bucket_notification_configuration(struct sbx_call *c)
{
	struct sbx_bucket b = { 0 };
	cJSON *all = NULL;
	const cJSON *cfg;
	char *cause = NULL;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		return -1;
	if (sbx_s3_authorize(c, &b, "s3:GetBucketNotification", NULL) != 0)
		goto cleanup;
	if (sbx_s3_notify_get(c->sb->store, &b, &all, &cause) != 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	c->output = cJSON_CreateObject();
	cJSON_ArrayForEach(cfg, all)
		notify_output(c->output, cfg);
	rc = 0;
cleanup:
	cJSON_Delete(all);
	sbx_bucket_clear(&b);
	return rc;
}
