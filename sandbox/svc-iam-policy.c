/*
 * svc-iam-policy.c: a role's inline policies (Put/Get/List/DeleteRolePolicy)
 * and managed policies: CreatePolicy, GetPolicy, GetPolicyVersion,
 * DeletePolicy and Attach/Detach/ListAttachedRolePolicies, with the
 * catalogue of AWS managed policies (iam-managed.c). Documents are
 * checked by the policy engine as identity policies.
 */
#include "hs-common.h"
#include "iam.h"

#define IAM_MAX_ATTACHED 10

/* Find the role of the input (authorizing action on it). */
static int
iam_policy_role(struct sbx_call *c, struct sbx_iam_role *r, const char *action)
{
	const char *name = sbx_in_str(c, "RoleName");
	char *cause = NULL, *arn;
	int f;

	arn = hs_xasprintf("arn:aws:iam::%s:role/%s", c->sb->account_id,
	    name ? name : "");
	f = sbx_iam_authorize(c, action, arn);
	free(arn);
	if (f != 0)
		return -1;
	f = sbx_iam_role_load(c->sb->store, name ? name : "", r, &cause);
	if (f < 0)
		return sbx_api_internal(c, cause);
	return f == 1 ? sbx_iam_no_role(c, name) : 0;
}

/* PutRolePolicy. */
int
sbx_iam_put_role_policy(struct sbx_call *c)
{
	const char *pname = sbx_in_str(c, "PolicyName");
	const char *doc = sbx_in_str(c, "PolicyDocument");
	struct sbx_iam_role r = { 0 };
	char *cause = NULL;
	int rc = -1;

	if (sbx_iam_check_name(c, pname, "policyName", 128) != 0 ||
	    iam_policy_role(c, &r, "iam:PutRolePolicy") != 0 ||
	    sbx_iam_check_doc(c, doc, false) != 0)
		goto cleanup;
	if (sbx_iam_role_policy_put(c->sb->store, r.r.name, pname, doc,
	    &cause) != 0) {
		sbx_api_internal(c, cause);
		goto cleanup;
	}
	rc = 0;
cleanup:
	sbx_iam_role_clear(&r);
	return rc;
}

/* GetRolePolicy. */
int
sbx_iam_get_role_policy(struct sbx_call *c)
{
	const char *pname = sbx_in_str(c, "PolicyName");
	struct sbx_iam_role r = { 0 };
	char *cause = NULL, *doc = NULL, *real = NULL, *enc;
	int rc = -1, f;

	if (iam_policy_role(c, &r, "iam:GetRolePolicy") != 0)
		goto cleanup;
	f = sbx_iam_role_policy_get(c->sb->store, r.r.name, pname ? pname : "",
	    &doc, &real, &cause);
	if (f != 0) {
		if (f < 0)
			sbx_api_internal(c, cause);
		else
			sbx_fail(c, 404, "NoSuchEntity", "The role policy with "
			    "name %s cannot be found.", pname ? pname : "");
		goto cleanup;
	}
	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "RoleName", r.r.name);
	cJSON_AddStringToObject(c->output, "PolicyName", real);
	enc = sbx_iam_encode_doc(doc);
	cJSON_AddStringToObject(c->output, "PolicyDocument", enc);
	free(enc);
	rc = 0;
cleanup:
	free(doc);
	free(real);
	sbx_iam_role_clear(&r);
	return rc;
}

/* ListRolePolicies. */
int
sbx_iam_list_role_policies(struct sbx_call *c)
{
	struct sbx_iam_role r = { 0 };
	char **names = NULL, *cause = NULL;
	size_t n = 0, i;
	cJSON *list;

	if (iam_policy_role(c, &r, "iam:ListRolePolicies") != 0)
		return -1;
	if (sbx_iam_role_policy_names(c->sb->store, r.r.name, &names, &n,
	    &cause) != 0) {
		sbx_iam_role_clear(&r);
		return sbx_api_internal(c, cause);
	}
	c->output = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(c->output, "PolicyNames");
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(list, cJSON_CreateString(names[i]));
	cJSON_AddBoolToObject(c->output, "IsTruncated", false);
	sbx_strv_free(names, n);
	sbx_iam_role_clear(&r);
	return 0;
}

/* DeleteRolePolicy. */
int
sbx_iam_delete_role_policy(struct sbx_call *c)
{
	const char *pname = sbx_in_str(c, "PolicyName");
	struct sbx_iam_role r = { 0 };
	char *cause = NULL;
	int f;

	if (iam_policy_role(c, &r, "iam:DeleteRolePolicy") != 0)
		return -1;
	f = sbx_iam_role_policy_delete(c->sb->store, r.r.name,
	    pname ? pname : "", &cause);
	sbx_iam_role_clear(&r);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 1)
		return sbx_fail(c, 404, "NoSuchEntity", "The role policy with "
		    "name %s cannot be found.", pname ? pname : "");
	return 0;
}

/* Check CreatePolicy's parameters. */
static int
iam_create_policy_check(struct sbx_call *c, const char *name,
    const char *path, const char *doc)
{
	const char *d = sbx_in_str(c, "Description");

	if (sbx_iam_check_name(c, name, "policyName", 128) != 0 ||
	    sbx_iam_check_path(c, path) != 0)
		return -1;
	if (d != NULL && strlen(d) > 1000)
		return sbx_api_invalid(c, "ValidationError", d, "description",
		    "have length less than or equal to 1000");
	if (cJSON_GetArraySize(sbx_in(c, "Tags")) > 0)
		return sbx_fail(c, 501, "NotImplemented", "The sandbox does not "
		    "keep tags on managed policies; create the policy without "
		    "--tags");
	if (doc != NULL && strlen(doc) > 6144)
		return sbx_fail(c, 409, "LimitExceeded", "Cannot exceed quota "
		    "for PolicySize: 6144");
	return sbx_iam_check_doc(c, doc, false);
}

/* CreatePolicy. */
int
sbx_iam_create_policy(struct sbx_call *c)
{
	const char *name = sbx_in_str(c, "PolicyName");
	const char *path = sbx_in_str(c, "Path") ? sbx_in_str(c, "Path") : "/";
	const char *doc = sbx_in_str(c, "PolicyDocument");
	const char *d = sbx_in_str(c, "Description");
	struct sbx_iam_policy p = { 0 };
	char *cause = NULL;
	int rc = -1, f;

	if (iam_create_policy_check(c, name, path, doc) != 0)
		return -1;
	p.arn = hs_xasprintf("arn:aws:iam::%s:policy%s%s", c->sb->account_id,
	    path, name);
	if (sbx_iam_authorize(c, "iam:CreatePolicy", p.arn) != 0)
		goto cleanup;
	p.name = hs_xstrdup(name);
	p.path = hs_xstrdup(path);
	p.policy_id = sbx_iam_new_id("ANPA");
	p.description = d ? hs_xstrdup(d) : NULL;
	p.default_version = hs_xstrdup("v1");
	p.document = hs_xstrdup(doc);
	p.created_ms = p.updated_ms = c->now_ms;
	f = sbx_iam_policy_create(c->sb->store, &p, &cause);
	if (f != 0) {
		if (f < 0)
			sbx_api_internal(c, cause);
		else
			sbx_fail(c, 409, "EntityAlreadyExists", "A policy "
			    "called %s already exists. Duplicate names are not "
			    "allowed.", name);
		goto cleanup;
	}
	free(p.description);
	p.description = NULL;	/* CreatePolicy does not answer it */
	c->output = cJSON_CreateObject();
	cJSON_AddItemToObject(c->output, "Policy", sbx_iam_policy_json(&p, 0));
	rc = 0;
cleanup:
	sbx_iam_policy_clear(&p);
	return rc;
}

/* Check an ARN has the form of a policy ARN; InvalidInput. */
static int
iam_check_policy_arn(struct sbx_call *c, const char *arn)
{
	if (arn != NULL && hs_starts_with(arn, "arn:aws:iam::") &&
	    strstr(arn, ":policy/") != NULL)
		return 0;
	return sbx_fail(c, 400, "InvalidInput", "ARN %s is not valid.",
	    arn ? arn : "");
}

/* Load the policy of the input's PolicyArn; NoSuchEntity if none. */
static int
iam_policy_input(struct sbx_call *c, struct sbx_iam_policy *p,
    const char *action, const char *missing_fmt)
{
	const char *arn = sbx_in_str(c, "PolicyArn");
	char *cause = NULL;
	int f;

	if (iam_check_policy_arn(c, arn) != 0 ||
	    sbx_iam_authorize(c, action, arn) != 0)
		return -1;
	f = sbx_iam_policy_load(c->sb->store, arn, p, &cause);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 1)
		return sbx_fail(c, 404, "NoSuchEntity", missing_fmt, arn);
	return 0;
}

/* GetPolicy. */
int
sbx_iam_get_policy(struct sbx_call *c)
{
	struct sbx_iam_policy p = { 0 };
	char *cause = NULL;
	int n;

	if (iam_policy_input(c, &p, "iam:GetPolicy", "Policy %s was not "
	    "found.") != 0)
		return -1;
	n = sbx_iam_policy_attachments(c->sb->store, p.arn, &cause);
	if (n < 0) {
		sbx_iam_policy_clear(&p);
		return sbx_api_internal(c, cause);
	}
	c->output = cJSON_CreateObject();
	cJSON_AddItemToObject(c->output, "Policy", sbx_iam_policy_json(&p, n));
	sbx_iam_policy_clear(&p);
	return 0;
}

/* GetPolicyVersion (the policies here have their default version only). */
int
sbx_iam_get_policy_version(struct sbx_call *c)
{
	const char *v = sbx_in_str(c, "VersionId");
	struct sbx_iam_policy p = { 0 };
	cJSON *o;
	char *enc;

	if (iam_policy_input(c, &p, "iam:GetPolicyVersion", "Policy %s was "
	    "not found.") != 0)
		return -1;
	if (v == NULL || strcmp(v, p.default_version) != 0) {
		sbx_fail(c, 404, "NoSuchEntity", "Policy %s version %s does "
		    "not exist or is not attachable.", p.arn, v ? v : "");
		sbx_iam_policy_clear(&p);
		return -1;
	}
	c->output = cJSON_CreateObject();
	o = cJSON_AddObjectToObject(c->output, "PolicyVersion");
	enc = sbx_iam_encode_doc(p.document);
	cJSON_AddStringToObject(o, "Document", enc);
	free(enc);
	cJSON_AddStringToObject(o, "VersionId", p.default_version);
	cJSON_AddBoolToObject(o, "IsDefaultVersion", true);
	cJSON_AddNumberToObject(o, "CreateDate", (double)(p.updated_ms / 1000));
	sbx_iam_policy_clear(&p);
	return 0;
}

/* DeletePolicy. */
int
sbx_iam_delete_policy(struct sbx_call *c)
{
	struct sbx_iam_policy p = { 0 };
	char *cause = NULL;
	int f;

	if (iam_policy_input(c, &p, "iam:DeletePolicy", "Policy %s was not "
	    "found.") != 0)
		return -1;
	if (p.aws_managed) {
		sbx_iam_policy_clear(&p);
		return sbx_fail(c, 403, "AccessDenied", "User: %s is not "
		    "authorized to perform: iam:DeletePolicy on resource: "
		    "policy %s", c->who->arn, sbx_in_str(c, "PolicyArn"));
	}
	f = sbx_iam_policy_delete(c->sb->store, p.arn, &cause);
	sbx_iam_policy_clear(&p);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 2)
		return sbx_fail(c, 409, "DeleteConflict", "Cannot delete a "
		    "policy attached to entities.");
	if (f == 1)
		return sbx_fail(c, 404, "NoSuchEntity", "Policy %s was not "
		    "found.", sbx_in_str(c, "PolicyArn"));
	return 0;
}

/* AttachRolePolicy. */
int
sbx_iam_attach_role_policy(struct sbx_call *c)
{
	struct sbx_iam_role r = { 0 };
	struct sbx_iam_policy p = { 0 };
	char **arns = NULL, *cause = NULL;
	size_t n = 0;
	int rc = -1;

	if (iam_policy_role(c, &r, "iam:AttachRolePolicy") != 0 ||
	    iam_policy_input(c, &p, "iam:AttachRolePolicy", "Policy %s does "
	    "not exist or is not attachable.") != 0)
		goto cleanup;
	if (sbx_iam_attached(c->sb->store, r.r.name, &arns, &n, &cause) != 0) {
		sbx_api_internal(c, cause);
		goto cleanup;
	}
	if (n >= IAM_MAX_ATTACHED) {
		sbx_fail(c, 409, "LimitExceeded", "Cannot exceed quota for "
		    "PoliciesPerRole: %d", IAM_MAX_ATTACHED);
		goto cleanup;
	}
	if (sbx_iam_attach(c->sb->store, r.r.name, p.arn, &cause) != 0) {
		sbx_api_internal(c, cause);
		goto cleanup;
	}
	rc = 0;
cleanup:
	sbx_strv_free(arns, n);
	sbx_iam_policy_clear(&p);
	sbx_iam_role_clear(&r);
	return rc;
}

/* DetachRolePolicy. */
int
sbx_iam_detach_role_policy(struct sbx_call *c)
{
	const char *arn = sbx_in_str(c, "PolicyArn");
	struct sbx_iam_role r = { 0 };
	char *cause = NULL;
	int f;

	if (iam_check_policy_arn(c, arn) != 0 ||
	    iam_policy_role(c, &r, "iam:DetachRolePolicy") != 0)
		return -1;
	f = sbx_iam_detach(c->sb->store, r.r.name, arn, &cause);
	sbx_iam_role_clear(&r);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 1)
		return sbx_fail(c, 404, "NoSuchEntity", "Policy %s was not "
		    "found.", arn);
	return 0;
}

/* Add one attached policy ({PolicyName, PolicyArn}) to a list. */
static void
iam_attached_item(struct sbx_call *c, cJSON *list, const char *arn,
    const char *prefix)
{
	struct sbx_iam_policy p = { 0 };
	char *cause = NULL;
	cJSON *o;

	if (sbx_iam_policy_load(c->sb->store, arn, &p, &cause) == 0 &&
	    (prefix == NULL || hs_starts_with(p.path, prefix))) {
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "PolicyName", p.name);
		cJSON_AddStringToObject(o, "PolicyArn", p.arn);
		cJSON_AddItemToArray(list, o);
	}
	free(cause);
	sbx_iam_policy_clear(&p);
}

/* ListAttachedRolePolicies. */
int
sbx_iam_list_attached_role_policies(struct sbx_call *c)
{
	struct sbx_iam_role r = { 0 };
	char **arns = NULL, *cause = NULL;
	size_t n = 0, i;
	cJSON *list;

	if (iam_policy_role(c, &r, "iam:ListAttachedRolePolicies") != 0)
		return -1;
	if (sbx_iam_attached(c->sb->store, r.r.name, &arns, &n, &cause) != 0) {
		sbx_iam_role_clear(&r);
		return sbx_api_internal(c, cause);
	}
	c->output = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(c->output, "AttachedPolicies");
	for (i = 0; i < n; i++)
		iam_attached_item(c, list, arns[i], sbx_in_str(c, "PathPrefix"));
	cJSON_AddBoolToObject(c->output, "IsTruncated", false);
	sbx_strv_free(arns, n);
	sbx_iam_role_clear(&r);
	return 0;
}
