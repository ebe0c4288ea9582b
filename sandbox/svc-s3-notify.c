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

/* Read one FilterRule into cfg (Prefix or Suffix); -1 after answering. */
static int
notify_rule(struct sbx_call *c, xmlNode *r, cJSON *cfg)
{
	const char *name = sbx_s3_xml_child(r, "Name");
	const char *value = sbx_s3_xml_child(r, "Value");
	const char *key;

	if (name == NULL || value == NULL)
		return sbx_fail(c, 400, "MalformedXML", "The XML you provided was "
		    "not well-formed or did not validate against our published "
		    "schema");
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

/* The first child element named name, or NULL. */
static xmlNode *
notify_child(xmlNode *n, const char *name)
{
	for (n = n ? n->children : NULL; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

/* Read a Filter's rules into cfg. */
static int
notify_filter(struct sbx_call *c, xmlNode *conf, cJSON *cfg)
{
	xmlNode *key = notify_child(notify_child(conf, "Filter"), "S3Key"), *r;

	for (r = key ? key->children : NULL; r != NULL; r = r->next)
		if (r->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)r->name, "FilterRule") == 0 &&
		    notify_rule(c, r, cfg) != 0)
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

/* Read one configuration (function, queue or topic) into cfg. */
static int
notify_config(struct sbx_call *c, xmlNode *conf, const char *dest_elem,
    cJSON *cfg)
{
	const char *id = sbx_s3_xml_child(conf, "Id");
	const char *arn = sbx_s3_xml_child(conf, dest_elem);
	cJSON *events = cJSON_AddArrayToObject(cfg, "Events");
	xmlNode *e;
	char *gen = NULL;

	if (arn == NULL)
		return sbx_fail(c, 400, "MalformedXML", "The XML you provided was "
		    "not well-formed or did not validate against our published "
		    "schema");
	cJSON_AddStringToObject(cfg, "Id", id ? id : (gen = notify_new_id()));
	free(gen);
	cJSON_AddStringToObject(cfg, "Arn", arn);
	cJSON_AddStringToObject(cfg, "Kind", dest_elem);
	for (e = conf->children; e != NULL; e = e->next) {
		const char *ev;
		if (e->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)e->name, "Event") != 0)
			continue;
		ev = e->children ? (const char *)e->children->content : "";
		if (!sbx_s3_event_known(ev))
			return notify_invalid(c, "The event is not supported for "
			    "notifications", "Event", ev);
		cJSON_AddItemToArray(events, cJSON_CreateString(ev));
	}
	if (cJSON_GetArraySize(events) == 0)
		return sbx_fail(c, 400, "MalformedXML", "The XML you provided was "
		    "not well-formed or did not validate against our published "
		    "schema");
	return notify_filter(c, conf, cfg);
}

/* Read the configurations of the document into an array. */
static int
notify_parse(struct sbx_call *c, xmlDoc *doc, cJSON *out)
{
	xmlNode *root = xmlDocGetRootElement(doc), *n;

	for (n = root ? root->children : NULL; n != NULL; n = n->next) {
		const char *name = (const char *)n->name, *dest;
		cJSON *cfg;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp(name, "EventBridgeConfiguration") == 0)
			return sbx_fail(c, 501, "NotImplemented", "The sandbox "
			    "does not deliver events to Amazon EventBridge");
		dest = strcmp(name, "CloudFunctionConfiguration") == 0 ?
		    "CloudFunction" : strcmp(name, "QueueConfiguration") == 0 ?
		    "Queue" : strcmp(name, "TopicConfiguration") == 0 ? "Topic" :
		    NULL;
		if (dest == NULL)
			return sbx_fail(c, 400, "MalformedXML", "The XML you "
			    "provided was not well-formed or did not validate "
			    "against our published schema");
		cfg = cJSON_CreateObject();
		cJSON_AddItemToArray(out, cfg);
		if (notify_config(c, n, dest, cfg) != 0)
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
	const char *skip = aws_kvlist_get(&c->req.headers,
	    "x-amz-skip-destination-validation");
	const cJSON *cfg;
	int k = 0;

	if (skip != NULL && strcasecmp(skip, "true") == 0)
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
	xmlDoc *doc = NULL;
	char *cause = NULL;
	int rc = -1;

	if (sbx_s3_bucket_load(c, &b) != 0)
		goto cleanup;
	if (sbx_s3_authorize(c, &b, "s3:PutBucketNotification", NULL) != 0 ||
	    sbx_s3_parse_body(c, &doc) != 0 || notify_parse(c, doc, all) != 0 ||
	    notify_check_overlap(c, all) != 0 ||
	    notify_check_destinations(c, &b, all) != 0)
		goto cleanup;
	if (sbx_s3_notify_set(c->sb->store, &b, all, &cause) != 0) {
		sbx_s3_internal(c, cause);
		goto cleanup;
	}
	c->status = 200;
	rc = 0;
cleanup:
	sbx_s3_xml_free(doc);
	cJSON_Delete(all);
	sbx_bucket_clear(&b);
	return rc;
}

/* Append one configuration as S3's XML. */
static void
notify_xml(struct hs_buf *x, const cJSON *cfg)
{
	const char *kind = cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "Kind"));
	const char *pre = cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "Prefix"));
	const char *suf = cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "Suffix"));
	const cJSON *e;

	(void)hs_buf_addf(x, "<%sConfiguration>", kind);
	sbx_xml_elem(x, "Id", cJSON_GetStringValue(cJSON_GetObjectItem(cfg,
	    "Id")));
	sbx_xml_elem(x, kind, cJSON_GetStringValue(cJSON_GetObjectItem(cfg,
	    "Arn")));
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(cfg, "Events"))
		sbx_xml_elem(x, "Event", e->valuestring);
	if (pre != NULL || suf != NULL) {
		(void)hs_buf_adds(x, "<Filter><S3Key>");
		if (pre != NULL) {
			(void)hs_buf_adds(x, "<FilterRule><Name>Prefix</Name>");
			sbx_xml_elem(x, "Value", pre);
			(void)hs_buf_adds(x, "</FilterRule>");
		}
		if (suf != NULL) {
			(void)hs_buf_adds(x, "<FilterRule><Name>Suffix</Name>");
			sbx_xml_elem(x, "Value", suf);
			(void)hs_buf_adds(x, "</FilterRule>");
		}
		(void)hs_buf_adds(x, "</S3Key></Filter>");
	}
	(void)hs_buf_addf(x, "</%sConfiguration>", kind);
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
	sbx_s3_xml_begin(c, "NotificationConfiguration");
	cJSON_ArrayForEach(cfg, all)
		notify_xml(&c->body, cfg);
	(void)hs_buf_adds(&c->body, "</NotificationConfiguration>");
	sbx_s3_xml_answer(c, 200);
	rc = 0;
cleanup:
	cJSON_Delete(all);
	sbx_bucket_clear(&b);
	return rc;
}
