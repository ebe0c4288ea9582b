/*
 * iam-util.c: what IAM's handlers share: policy documents checked by the
 * policy engine and answered URL-encoded (as IAM does; botocore decodes
 * them back into JSON), IAM's validations of names, paths and tags, the
 * Role and Policy structures, and the caller's permission.
 */
#include "hs-common.h"
#include "iam.h"

#include "policy/policy.h"

#include <strings.h>

/* A policy document URL-encoded as IAM answers it. */
char *
sbx_iam_encode_doc(const char *doc)
{
	struct hs_buf b = HS_BUF_INIT;

	aws_uri_encode(&b, doc, strlen(doc), false);
	return hs_buf_detach(&b, NULL);
}

/* Check a document with the policy engine; MalformedPolicyDocument. */
int
sbx_iam_check_doc(struct sbx_call *c, const char *doc, bool trust)
{
	struct policy_parse_opts opts = { trust ? POLICY_TRUST :
	    POLICY_IDENTITY, NULL, NULL };
	struct policy *p;
	char *cause = NULL;

	if (doc == NULL)
		return sbx_fail(c, 400, "MalformedPolicyDocument", "Syntax "
		    "errors in policy.");
	if (strlen(doc) > (trust ? 2048u : 10240u))
		return sbx_fail(c, 409, "LimitExceeded", "Cannot exceed quota "
		    "for %s: %d.", trust ? "ACLSizePerRole" : "PolicySize",
		    trust ? 2048 : 10240);
	p = policy_parse(doc, strlen(doc), &opts, &cause);
	if (p == NULL) {
		sbx_fail(c, 400, "MalformedPolicyDocument", "%s", cause);
		free(cause);
		return -1;
	}
	policy_free(p);
	return 0;
}

/* Check a path: /, or /a/b/ (1 to 512 printable characters). */
int
sbx_iam_check_path(struct sbx_call *c, const char *path)
{
	size_t i, n = path ? strlen(path) : 0;
	bool ok = n >= 1 && n <= 512 && path[0] == '/' && path[n - 1] == '/';

	for (i = 0; ok && i < n; i++)
		if (path[i] < 0x21 || path[i] > 0x7e)
			ok = false;
	if (ok)
		return 0;
	return sbx_fail(c, 400, "ValidationError", "The specified value for "
	    "path is invalid. It must begin and end with / and contain only "
	    "alphanumeric characters and/or / characters.");
}

/* Check a role or policy name ([\w+=,.@-]+, up to max). */
int
sbx_iam_check_name(struct sbx_call *c, const char *name, const char *member,
    size_t max)
{
	char constraint[64];

	if (name != NULL && strlen(name) > max) {
		snprintf(constraint, sizeof constraint, "have length less than "
		    "or equal to %zu", max);
		return sbx_api_invalid(c, "ValidationError", name, member,
		    constraint);
	}
	if (!sbx_api_name_ok(name, max, "_+=,.@-"))
		return sbx_api_invalid(c, "ValidationError", name, member,
		    "satisfy regular expression pattern: [\\w+=,.@-]+");
	return 0;
}

/* Check one tag key and value as IAM does. */
static int
iam_check_tag(struct sbx_call *c, const char *k, const char *v)
{
	if (k == NULL || *k == '\0' || strlen(k) > 128 ||
	    strncasecmp(k, "aws:", 4) == 0)
		return sbx_fail(c, 400, "InvalidInput", "The specified tag key "
		    "'%s' is not valid: tag keys must have 1 to 128 "
		    "characters and must not begin with 'aws:'.", k ? k : "");
	if (v != NULL && strlen(v) > 256)
		return sbx_api_invalid(c, "ValidationError", v, "tags.member.value",
		    "have length less than or equal to 256");
	return 0;
}

/* Check a list of tags (at most 50, unique keys); InvalidInput. */
int
sbx_iam_check_tags(struct sbx_call *c, const cJSON *tags)
{
	const cJSON *t, *u;

	if (cJSON_GetArraySize(tags) > IAM_MAX_TAGS)
		return sbx_fail(c, 409, "LimitExceeded", "The number of tags "
		    "has reached the maximum limit.");
	cJSON_ArrayForEach(t, tags) {
		const char *k = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(t, "Key"));
		if (iam_check_tag(c, k, cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(t, "Value"))) != 0)
			return -1;
		for (u = t->next; u != NULL; u = u->next) {
			const char *k2 = cJSON_GetStringValue(
			    cJSON_GetObjectItemCaseSensitive(u, "Key"));
			if (k2 != NULL && strcasecmp(k, k2) == 0)
				return sbx_fail(c, 400, "InvalidInput",
				    "Duplicate tag keys found. Please note "
				    "that Tag keys are case insensitive.");
		}
	}
	return 0;
}

/* The NoSuchEntity of a role. */
int
sbx_iam_no_role(struct sbx_call *c, const char *name)
{
	return sbx_fail(c, 404, "NoSuchEntity", "The role with name %s cannot "
	    "be found.", name ? name : "");
}

/* A role as IAM's Role structure. */
cJSON *
sbx_iam_role_json(const struct sbx_iam_role *r, enum sbx_iam_role_form form)
{
	cJSON *o = cJSON_CreateObject();
	char *doc = sbx_iam_encode_doc(r->r.trust_policy);

	cJSON_AddStringToObject(o, "Path", r->r.path);
	cJSON_AddStringToObject(o, "RoleName", r->r.name);
	cJSON_AddStringToObject(o, "RoleId", r->r.role_id);
	cJSON_AddStringToObject(o, "Arn", r->r.arn);
	cJSON_AddNumberToObject(o, "CreateDate",
	    (double)(r->r.created_ms / 1000));
	cJSON_AddStringToObject(o, "AssumeRolePolicyDocument", doc);
	free(doc);
	if (r->description != NULL)
		cJSON_AddStringToObject(o, "Description", r->description);
	if (form != IAM_ROLE_CREATED)
		cJSON_AddNumberToObject(o, "MaxSessionDuration",
		    r->r.max_session);
	if (form != IAM_ROLE_LISTED && r->tags != NULL &&
	    r->tags->child != NULL)
		cJSON_AddItemToObject(o, "Tags", sbx_api_tags_list(r->tags,
		    "Key", "Value"));
	if (form == IAM_ROLE_FULL)
		cJSON_AddObjectToObject(o, "RoleLastUsed");
	return o;
}

/* A managed policy as IAM's Policy structure. */
cJSON *
sbx_iam_policy_json(const struct sbx_iam_policy *p, int attachments)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "PolicyName", p->name);
	cJSON_AddStringToObject(o, "PolicyId", p->policy_id);
	cJSON_AddStringToObject(o, "Arn", p->arn);
	cJSON_AddStringToObject(o, "Path", p->path);
	cJSON_AddStringToObject(o, "DefaultVersionId", p->default_version);
	cJSON_AddNumberToObject(o, "AttachmentCount", attachments);
	cJSON_AddNumberToObject(o, "PermissionsBoundaryUsageCount", 0);
	cJSON_AddBoolToObject(o, "IsAttachable", true);
	if (p->description != NULL)
		cJSON_AddStringToObject(o, "Description", p->description);
	cJSON_AddNumberToObject(o, "CreateDate", (double)(p->created_ms / 1000));
	cJSON_AddNumberToObject(o, "UpdateDate", (double)(p->updated_ms / 1000));
	return o;
}

/* Require the caller's permission for an IAM action on an ARN. */
int
sbx_iam_authorize(struct sbx_call *c, const char *action, const char *arn)
{
	return sbx_api_authorize(c, "AccessDenied", action, arn);
}
