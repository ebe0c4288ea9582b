/*
 * svc-iam-role.c: IAM roles: CreateRole, GetRole, ListRoles,
 * UpdateAssumeRolePolicy, UpdateRole and DeleteRole (DeleteConflict while
 * policies are attached or inline policies remain), as IAM answers them.
 * Roles are stored where STS AssumeRole finds them (store-iam.c).
 */
#include "hs-common.h"
#include "iam.h"

#include <strings.h>

/* A fresh unique ID: prefix (AROA) and 17 characters of IAM's alphabet. */
char *
sbx_iam_new_id(const char *prefix)
{
	char seed[65];

	sbx_random_hex(seed, 32);
	return sbx_unique_id(prefix, seed);
}

/* Check MaxSessionDuration (3600 to 43200 seconds). */
static int
iam_check_max_session(struct sbx_call *c, long v)
{
	char num[32];

	snprintf(num, sizeof num, "%ld", v);
	if (v < 3600)
		return sbx_api_invalid(c, "ValidationError", num,
		    "maxSessionDuration", "have value greater than or equal "
		    "to 3600");
	if (v > 43200)
		return sbx_api_invalid(c, "ValidationError", num,
		    "maxSessionDuration", "have value less than or equal to "
		    "43200");
	return 0;
}

/* Check a role description (up to 1000 characters). */
static int
iam_check_description(struct sbx_call *c, const char *d)
{
	if (d != NULL && strlen(d) > 1000)
		return sbx_api_invalid(c, "ValidationError", d, "description",
		    "have length less than or equal to 1000");
	return 0;
}

/* Check CreateRole's parameters. */
static int
iam_create_role_check(struct sbx_call *c, const char *name, const char *path)
{
	if (sbx_iam_check_name(c, name, "roleName", 64) != 0 ||
	    sbx_iam_check_path(c, path) != 0 ||
	    iam_check_max_session(c, sbx_in_long(c, "MaxSessionDuration",
	    3600)) != 0 ||
	    iam_check_description(c, sbx_in_str(c, "Description")) != 0 ||
	    sbx_iam_check_tags(c, sbx_in(c, "Tags")) != 0)
		return -1;
	return sbx_iam_check_doc(c, sbx_in_str(c, "AssumeRolePolicyDocument"),
	    true);
}

/* CreateRole. */
int
sbx_iam_create_role(struct sbx_call *c)
{
	const char *name = sbx_in_str(c, "RoleName");
	const char *path = sbx_in_str(c, "Path") ? sbx_in_str(c, "Path") : "/";
	struct sbx_iam_role r = { 0 };
	char *cause = NULL;
	int rc = -1, f;

	if (iam_create_role_check(c, name, path) != 0)
		return -1;
	r.r.name = hs_xstrdup(name);
	r.r.path = hs_xstrdup(path);
	r.r.arn = hs_xasprintf("arn:aws:iam::%s:role%s%s", c->sb->account_id,
	    path, name);
	if (sbx_iam_authorize(c, "iam:CreateRole", r.r.arn) != 0)
		goto cleanup;
	r.r.role_id = sbx_iam_new_id("AROA");
	r.r.trust_policy = hs_xstrdup(sbx_in_str(c,
	    "AssumeRolePolicyDocument"));
	r.r.max_session = (int)sbx_in_long(c, "MaxSessionDuration", 3600);
	r.r.created_ms = c->now_ms;
	r.description = sbx_in_str(c, "Description") ?
	    hs_xstrdup(sbx_in_str(c, "Description")) : NULL;
	r.tags = sbx_api_tags_in(sbx_in(c, "Tags"), "Key", "Value");
	f = sbx_iam_role_create(c->sb->store, &r, &cause);
	if (f < 0) {
		sbx_api_internal(c, cause);
		goto cleanup;
	}
	if (f == 1) {
		sbx_fail(c, 409, "EntityAlreadyExists", "Role with name %s "
		    "already exists.", name);
		goto cleanup;
	}
	c->output = cJSON_CreateObject();
	cJSON_AddItemToObject(c->output, "Role", sbx_iam_role_json(&r,
	    IAM_ROLE_CREATED));
	rc = 0;
cleanup:
	sbx_iam_role_clear(&r);
	return rc;
}

/* Load the role named by the input's RoleName; NoSuchEntity if none. */
static int
iam_role_input(struct sbx_call *c, struct sbx_iam_role *r, const char *action)
{
	const char *name = sbx_in_str(c, "RoleName");
	char *cause = NULL, *arn;
	int f, rc;

	arn = hs_xasprintf("arn:aws:iam::%s:role/%s", c->sb->account_id,
	    name ? name : "");
	rc = sbx_iam_authorize(c, action, arn);
	free(arn);
	if (rc != 0)
		return -1;
	f = sbx_iam_role_load(c->sb->store, name ? name : "", r, &cause);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 1)
		return sbx_iam_no_role(c, name);
	return 0;
}

/* GetRole. */
int
sbx_iam_get_role(struct sbx_call *c)
{
	struct sbx_iam_role r = { 0 };

	if (iam_role_input(c, &r, "iam:GetRole") != 0)
		return -1;
	c->output = cJSON_CreateObject();
	cJSON_AddItemToObject(c->output, "Role", sbx_iam_role_json(&r,
	    IAM_ROLE_FULL));
	sbx_iam_role_clear(&r);
	return 0;
}

/* Add the roles of a page to the output, from index start. */
static void
iam_list_page(struct sbx_call *c, struct sbx_iam_role *roles, size_t n,
    size_t start, size_t max)
{
	cJSON *list = cJSON_AddArrayToObject(c->output, "Roles");
	size_t i;

	for (i = start; i < n && i < start + max; i++)
		cJSON_AddItemToArray(list, sbx_iam_role_json(&roles[i],
		    IAM_ROLE_LISTED));
	cJSON_AddBoolToObject(c->output, "IsTruncated", i < n);
	if (i < n)
		cJSON_AddStringToObject(c->output, "Marker", roles[i].r.name);
}

/* ListRoles (PathPrefix, Marker: the name to start with, MaxItems). */
int
sbx_iam_list_roles(struct sbx_call *c)
{
	struct sbx_iam_role *roles = NULL;
	const char *marker = sbx_in_str(c, "Marker");
	long max = sbx_in_long(c, "MaxItems", 100);
	char *cause = NULL;
	size_t n = 0, i, start = 0;

	if (max < 1 || max > 1000)
		return sbx_api_invalid(c, "ValidationError", "", "maxItems",
		    "have value between 1 and 1000");
	if (sbx_iam_authorize(c, "iam:ListRoles", NULL) != 0)
		return -1;
	if (sbx_iam_role_list(c->sb->store, sbx_in_str(c, "PathPrefix"),
	    &roles, &n, &cause) != 0)
		return sbx_api_internal(c, cause);
	while (marker != NULL && start < n &&
	    strcasecmp(roles[start].r.name, marker) < 0)
		start++;
	c->output = cJSON_CreateObject();
	iam_list_page(c, roles, n, start, (size_t)max);
	for (i = 0; i < n; i++)
		sbx_iam_role_clear(&roles[i]);
	free(roles);
	return 0;
}

/* UpdateAssumeRolePolicy. */
int
sbx_iam_update_assume_role_policy(struct sbx_call *c)
{
	const char *doc = sbx_in_str(c, "PolicyDocument");
	struct sbx_iam_role r = { 0 };
	char *cause = NULL;
	int rc = -1;

	if (iam_role_input(c, &r, "iam:UpdateAssumeRolePolicy") != 0 ||
	    sbx_iam_check_doc(c, doc, true) != 0)
		goto cleanup;
	if (sbx_iam_role_set(c->sb->store, r.r.name, "trust_policy", doc,
	    &cause) < 0) {
		sbx_api_internal(c, cause);
		goto cleanup;
	}
	rc = 0;
cleanup:
	sbx_iam_role_clear(&r);
	return rc;
}

/* UpdateRole (Description, MaxSessionDuration). */
int
sbx_iam_update_role(struct sbx_call *c)
{
	const char *d = sbx_in_str(c, "Description");
	long max = sbx_in_long(c, "MaxSessionDuration", 0);
	struct sbx_iam_role r = { 0 };
	char *cause = NULL, num[24];
	int rc = -1;

	if (iam_role_input(c, &r, "iam:UpdateRole") != 0 ||
	    iam_check_description(c, d) != 0 ||
	    (max != 0 && iam_check_max_session(c, max) != 0))
		goto cleanup;
	if ((d != NULL && sbx_iam_role_set(c->sb->store, r.r.name,
	    "description", d, &cause) < 0) || (max != 0 &&
	    sbx_iam_role_set(c->sb->store, r.r.name, "max_session",
	    sbx_itoa(max, num), &cause) < 0)) {
		sbx_api_internal(c, cause);
		goto cleanup;
	}
	c->output = cJSON_CreateObject();
	rc = 0;
cleanup:
	sbx_iam_role_clear(&r);
	return rc;
}

/* DeleteRole. */
int
sbx_iam_delete_role(struct sbx_call *c)
{
	struct sbx_iam_role r = { 0 };
	char *cause = NULL;
	int rc = -1, f;

	if (iam_role_input(c, &r, "iam:DeleteRole") != 0)
		goto cleanup;
	f = sbx_iam_role_delete(c->sb->store, r.r.name, &cause);
	if (f < 0)
		sbx_api_internal(c, cause);
	else if (f == 1)
		sbx_iam_no_role(c, r.r.name);
	else if (f == 2)
		sbx_fail(c, 409, "DeleteConflict", "Cannot delete entity, must "
		    "delete policies first.");
	else if (f == 3)
		sbx_fail(c, 409, "DeleteConflict", "Cannot delete entity, must "
		    "detach all policies first.");
	else
		rc = 0;
cleanup:
	sbx_iam_role_clear(&r);
	return rc;
}

/* TagRole. */
int
sbx_iam_tag_role(struct sbx_call *c)
{
	struct sbx_iam_role r = { 0 };
	cJSON *add = NULL, *t;
	char *cause = NULL;
	int rc = -1, total;

	if (iam_role_input(c, &r, "iam:TagRole") != 0 ||
	    sbx_iam_check_tags(c, sbx_in(c, "Tags")) != 0)
		goto cleanup;
	add = sbx_api_tags_in(sbx_in(c, "Tags"), "Key", "Value");
	total = cJSON_GetArraySize(r.tags);
	cJSON_ArrayForEach(t, add)
		if (!cJSON_HasObjectItem(r.tags, t->string))
			total++;
	if (total > IAM_MAX_TAGS) {
		sbx_fail(c, 409, "LimitExceeded", "The number of tags has "
		    "reached the maximum limit.");
		goto cleanup;
	}
	if (sbx_iam_role_tag(c->sb->store, r.r.name, add, NULL, &cause) != 0) {
		sbx_api_internal(c, cause);
		goto cleanup;
	}
	rc = 0;
cleanup:
	cJSON_Delete(add);
	sbx_iam_role_clear(&r);
	return rc;
}

/* UntagRole. */
int
sbx_iam_untag_role(struct sbx_call *c)
{
	struct sbx_iam_role r = { 0 };
	char *cause = NULL;
	int rc = -1;

	if (iam_role_input(c, &r, "iam:UntagRole") != 0)
		goto cleanup;
	if (sbx_iam_role_tag(c->sb->store, r.r.name, NULL, sbx_in(c, "TagKeys"),
	    &cause) != 0) {
		sbx_api_internal(c, cause);
		goto cleanup;
	}
	rc = 0;
cleanup:
	sbx_iam_role_clear(&r);
	return rc;
}

/* ListRoleTags. */
int
sbx_iam_list_role_tags(struct sbx_call *c)
{
	struct sbx_iam_role r = { 0 };

	if (iam_role_input(c, &r, "iam:ListRoleTags") != 0)
		return -1;
	c->output = cJSON_CreateObject();
	cJSON_AddItemToObject(c->output, "Tags", r.tags ?
	    sbx_api_tags_list(r.tags, "Key", "Value") : cJSON_CreateArray());
	cJSON_AddBoolToObject(c->output, "IsTruncated", false);
	sbx_iam_role_clear(&r);
	return 0;
}
