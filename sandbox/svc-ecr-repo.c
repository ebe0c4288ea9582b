/*
 * svc-ecr-repo.c: ECR repositories: CreateRepository (name rules, tag
 * mutability, scan on push, encryption), DescribeRepositories,
 * DeleteRepository (RepositoryNotEmptyException unless force), the
 * repository policy (checked by the policy engine), the scanning and
 * mutability settings, and tags. Scan on push is kept as a setting: the
 * sandbox does not scan images, and reports no scan status.
 */
#include "hs-common.h"
#include "ecr.h"

#include "policy/policy.h"

#define ECR_MAX_TAGS 50

/* Check one path component of a name: [a-z0-9]+([._-][a-z0-9]+)*. */
static bool
ecr_component_ok(const char *s, size_t len)
{
	size_t i;
	bool sep = true;	/* a separator may not come first */

	for (i = 0; i < len; i++) {
		bool alnum = (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9');
		if (!alnum && (sep || strchr("._-", s[i]) == NULL))
			return false;
		sep = !alnum;
	}
	return len > 0 && !sep;
}

/* Check a repository name as ECR does; -1 after answering. */
static int
ecr_check_name(struct sbx_call *c, const char *name)
{
	const char *p = name, *slash;
	bool ok = name != NULL && strlen(name) >= 2 && strlen(name) <= 256;

	while (ok && (slash = strchr(p, '/')) != NULL) {
		ok = ecr_component_ok(p, (size_t)(slash - p));
		p = slash + 1;
	}
	if (ok && ecr_component_ok(p, strlen(p)))
		return 0;
	return sbx_fail(c, 400, "InvalidParameterException", "Invalid parameter "
	    "at 'repositoryName' failed to satisfy constraint: 'must satisfy "
	    "regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+"
	    "(?:[._-][a-z0-9]+)*''");
}

/* Check an imageTagMutability; -1 after answering. */
static int
ecr_check_mutability(struct sbx_call *c, const char *m)
{
	if (m == NULL || strcmp(m, "MUTABLE") == 0 || strcmp(m, "IMMUTABLE") == 0)
		return 0;
	if (strstr(m, "_WITH_EXCLUSION") != NULL)
		return sbx_fail(c, 501, "NotImplemented", "The sandbox does not "
		    "implement image tag mutability exclusion filters");
	return sbx_fail(c, 400, "InvalidParameterException", "Invalid parameter "
	    "at 'imageTagMutability' failed to satisfy constraint: 'Member must "
	    "satisfy enum value set: [MUTABLE, IMMUTABLE]'");
}

/* Read the encryption configuration into r; -1 after answering. */
static int
ecr_encryption(struct sbx_call *c, struct sbx_ecr_repo *r)
{
	cJSON *e = sbx_in(c, "encryptionConfiguration");
	const char *type = cJSON_GetStringValue(cJSON_GetObjectItem(e,
	    "encryptionType"));
	const char *key = cJSON_GetStringValue(cJSON_GetObjectItem(e, "kmsKey"));

	if (type == NULL)
		type = "AES256";
	if (strcmp(type, "AES256") != 0 && strcmp(type, "KMS") != 0 &&
	    strcmp(type, "KMS_DSSE") != 0)
		return sbx_fail(c, 400, "InvalidParameterException", "Invalid "
		    "parameter at 'encryptionType' failed to satisfy constraint: "
		    "'Member must satisfy enum value set: [AES256, KMS, "
		    "KMS_DSSE]'");
	if (strcmp(type, "AES256") == 0 && key != NULL)
		return sbx_fail(c, 400, "InvalidParameterException", "Invalid "
		    "parameter at 'encryptionConfiguration' failed to satisfy "
		    "constraint: 'KMS key cannot be specified for the AES256 "
		    "encryption type'");
	r->encryption = hs_xstrdup(type);
	if (strcmp(type, "AES256") != 0)
		r->kms_key = key ? hs_xstrdup(key) : hs_xasprintf("arn:aws:kms:"
		    "%s:%s:alias/aws/ecr", c->region ? c->region : "us-east-1",
		    c->sb->account_id);
	return 0;
}

/* CreateRepository. */
int
sbx_ecr_create_repository(struct sbx_call *c)
{
	const char *name = sbx_in_str(c, "repositoryName");
	const char *m = sbx_in_str(c, "imageTagMutability");
	struct sbx_ecr_repo r = { 0 };
	char *cause = NULL;
	int rc = -1, f;

	if (sbx_ecr_check_registry(c) != 0 || ecr_check_name(c, name) != 0 ||
	    ecr_check_mutability(c, m) != 0 ||
	    sbx_ecr_authorize(c, "ecr:CreateRepository", name) != 0)
		return -1;
	if (cJSON_GetArraySize(sbx_in(c, "tags")) > ECR_MAX_TAGS)
		return sbx_fail(c, 400, "TooManyTagsException", "The list of "
		    "tags on the repository is over the limit. The maximum "
		    "number of tags that can be applied to a repository is 50");
	if (ecr_encryption(c, &r) != 0)
		goto cleanup;
	r.name = hs_xstrdup(name);
	r.created_ms = c->now_ms;
	r.mutability = hs_xstrdup(m ? m : "MUTABLE");
	r.scan_on_push = cJSON_IsTrue(cJSON_GetObjectItem(sbx_in(c,
	    "imageScanningConfiguration"), "scanOnPush"));
	r.tags = sbx_api_tags_in(sbx_in(c, "tags"), "Key", "Value");
	f = sbx_ecr_repo_create(c->sb->store, &r, &cause);
	if (f < 0)
		sbx_api_internal(c, cause);
	else if (f == 1)
		sbx_fail(c, 400, "RepositoryAlreadyExistsException", "The "
		    "repository with name '%s' already exists in the registry "
		    "with id '%s'", name, c->sb->account_id);
	else {
		c->output = cJSON_CreateObject();
		cJSON_AddItemToObject(c->output, "repository",
		    sbx_ecr_repo_json(c, &r));
		rc = 0;
	}
cleanup:
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* Add the repositories named by repositoryNames (all when absent). */
static int
ecr_describe_some(struct sbx_call *c, cJSON *names, cJSON *list)
{
	cJSON *n;

	cJSON_ArrayForEach(n, names) {
		struct sbx_ecr_repo r = { 0 };
		char *cause = NULL;
		int f = sbx_ecr_repo_get(c->sb->store, cJSON_GetStringValue(n) ?
		    n->valuestring : "", &r, &cause);
		if (f != 0) {
			if (f < 0)
				return sbx_api_internal(c, cause);
			return sbx_fail(c, 400, "RepositoryNotFoundException",
			    "The repository with name '%s' does not exist in the "
			    "registry with id '%s'", cJSON_GetStringValue(n) ?
			    n->valuestring : "", c->sb->account_id);
		}
		cJSON_AddItemToArray(list, sbx_ecr_repo_json(c, &r));
		sbx_ecr_repo_clear(&r);
	}
	return 0;
}

/* DescribeRepositories (nextToken: the offset of the next page). */
int
sbx_ecr_describe_repositories(struct sbx_call *c)
{
	const char *tok = sbx_in_str(c, "nextToken");
	long max = sbx_in_long(c, "maxResults", 100);
	struct sbx_ecr_repo *rs = NULL;
	size_t n = 0, i, start = tok ? strtoul(tok, NULL, 10) : 0;
	char *cause = NULL, num[24];
	cJSON *list;

	if (sbx_ecr_check_registry(c) != 0 ||
	    sbx_ecr_authorize(c, "ecr:DescribeRepositories", NULL) != 0)
		return -1;
	c->output = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(c->output, "repositories");
	if (sbx_in(c, "repositoryNames") != NULL)
		return ecr_describe_some(c, sbx_in(c, "repositoryNames"), list);
	if (sbx_ecr_repo_list(c->sb->store, &rs, &n, &cause) != 0)
		return sbx_api_internal(c, cause);
	for (i = start; i < n && i < start + (size_t)max; i++)
		cJSON_AddItemToArray(list, sbx_ecr_repo_json(c, &rs[i]));
	if (i < n)
		cJSON_AddStringToObject(c->output, "nextToken",
		    sbx_itoa((int64_t)i, num));
	for (i = 0; i < n; i++)
		sbx_ecr_repo_clear(&rs[i]);
	free(rs);
	return 0;
}

/* DeleteRepository. */
int
sbx_ecr_delete_repository(struct sbx_call *c)
{
	struct sbx_ecr_repo r = { 0 };
	char *cause = NULL;
	int rc = -1, f;

	if (sbx_ecr_load(c, "ecr:DeleteRepository", &r) != 0)
		return -1;
	f = sbx_ecr_repo_delete(c->sb->store, r.name, sbx_in_bool(c, "force",
	    false), &cause);
	if (f < 0)
		sbx_api_internal(c, cause);
	else if (f == 2)
		sbx_fail(c, 400, "RepositoryNotEmptyException", "The repository "
		    "with name '%s' in registry with id '%s' cannot be deleted "
		    "because it still contains images", r.name,
		    c->sb->account_id);
	else {
		c->output = cJSON_CreateObject();
		cJSON_AddItemToObject(c->output, "repository",
		    sbx_ecr_repo_json(c, &r));
		rc = 0;
	}
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* Check a repository policy with the policy engine (a statement without
 * Resource applies to the repository, as ECR reads it). */
static bool
ecr_policy_ok(const char *text, const char *arn)
{
	const struct policy_parse_opts opts = { POLICY_RESOURCE, NULL, NULL };
	cJSON *doc = cJSON_Parse(text), *st, *s;
	struct policy *p = NULL;
	char *full, *cause = NULL;
	bool ok;

	if (!cJSON_IsObject(doc)) {
		cJSON_Delete(doc);
		return false;
	}
	st = cJSON_GetObjectItem(doc, "Statement");
	if (cJSON_IsObject(st) && !cJSON_HasObjectItem(st, "Resource") &&
	    !cJSON_HasObjectItem(st, "NotResource"))
		cJSON_AddStringToObject(st, "Resource", arn);
	if (!cJSON_IsArray(st))
		st = NULL;
	cJSON_ArrayForEach(s, st)
		if (!cJSON_HasObjectItem(s, "Resource") &&
		    !cJSON_HasObjectItem(s, "NotResource"))
			cJSON_AddStringToObject(s, "Resource", arn);
	full = cJSON_PrintUnformatted(doc);
	p = policy_parse(full, strlen(full), &opts, &cause);
	ok = p != NULL;
	free(cause);
	free(full);
	cJSON_Delete(doc);
	policy_free(p);
	return ok;
}

/* Answer registryId, repositoryName and more of a repository. */
static void
ecr_repo_answer(struct sbx_call *c, const struct sbx_ecr_repo *r)
{
	c->output = cJSON_CreateObject();
	cJSON_AddStringToObject(c->output, "registryId", c->sb->account_id);
	cJSON_AddStringToObject(c->output, "repositoryName", r->name);
}

/* SetRepositoryPolicy. */
int
sbx_ecr_set_repository_policy(struct sbx_call *c)
{
	const char *text = sbx_in_str(c, "policyText");
	struct sbx_ecr_repo r = { 0 };
	char *cause = NULL, *arn;
	int rc = -1;

	if (sbx_ecr_load(c, "ecr:SetRepositoryPolicy", &r) != 0)
		return -1;
	arn = sbx_ecr_repo_arn(c, r.name);
	if (text == NULL || !ecr_policy_ok(text, arn))
		sbx_fail(c, 400, "InvalidParameterException", "Invalid parameter "
		    "at 'PolicyText' failed to satisfy constraint: 'Invalid "
		    "repository policy provided'");
	else if (sbx_ecr_repo_set(c->sb->store, r.name, "policy", text,
	    &cause) != 0)
		sbx_api_internal(c, cause);
	else {
		ecr_repo_answer(c, &r);
		cJSON_AddStringToObject(c->output, "policyText", text);
		rc = 0;
	}
	free(arn);
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* Answer RepositoryPolicyNotFoundException. */
static int
ecr_no_policy(struct sbx_call *c, const char *name)
{
	return sbx_fail(c, 400, "RepositoryPolicyNotFoundException",
	    "Repository policy does not exist for the repository with name "
	    "'%s' in the registry with id '%s'", name, c->sb->account_id);
}

/* GetRepositoryPolicy. */
int
sbx_ecr_get_repository_policy(struct sbx_call *c)
{
	struct sbx_ecr_repo r = { 0 };
	int rc = -1;

	if (sbx_ecr_load(c, "ecr:GetRepositoryPolicy", &r) != 0)
		return -1;
	if (r.policy == NULL)
		ecr_no_policy(c, r.name);
	else {
		ecr_repo_answer(c, &r);
		cJSON_AddStringToObject(c->output, "policyText", r.policy);
		rc = 0;
	}
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* DeleteRepositoryPolicy. */
int
sbx_ecr_delete_repository_policy(struct sbx_call *c)
{
	struct sbx_ecr_repo r = { 0 };
	char *cause = NULL;
	int rc = -1;

	if (sbx_ecr_load(c, "ecr:DeleteRepositoryPolicy", &r) != 0)
		return -1;
	if (r.policy == NULL)
		ecr_no_policy(c, r.name);
	else if (sbx_ecr_repo_set(c->sb->store, r.name, "policy", NULL,
	    &cause) != 0)
		sbx_api_internal(c, cause);
	else {
		ecr_repo_answer(c, &r);
		cJSON_AddStringToObject(c->output, "policyText", r.policy);
		rc = 0;
	}
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* PutImageScanningConfiguration. */
int
sbx_ecr_put_image_scanning_configuration(struct sbx_call *c)
{
	cJSON *cfg = sbx_in(c, "imageScanningConfiguration"), *x;
	bool on = cJSON_IsTrue(cJSON_GetObjectItem(cfg, "scanOnPush"));
	struct sbx_ecr_repo r = { 0 };
	char *cause = NULL;
	int rc = -1;

	if (sbx_ecr_load(c, "ecr:PutImageScanningConfiguration", &r) != 0)
		return -1;
	if (sbx_ecr_repo_set(c->sb->store, r.name, "scan_on_push", on ? "1" :
	    "0", &cause) != 0)
		sbx_api_internal(c, cause);
	else {
		ecr_repo_answer(c, &r);
		x = cJSON_AddObjectToObject(c->output,
		    "imageScanningConfiguration");
		cJSON_AddBoolToObject(x, "scanOnPush", on);
		rc = 0;
	}
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* PutImageTagMutability. */
int
sbx_ecr_put_image_tag_mutability(struct sbx_call *c)
{
	const char *m = sbx_in_str(c, "imageTagMutability");
	struct sbx_ecr_repo r = { 0 };
	char *cause = NULL;
	int rc = -1;

	if (ecr_check_mutability(c, m) != 0 ||
	    sbx_ecr_load(c, "ecr:PutImageTagMutability", &r) != 0)
		return -1;
	if (sbx_ecr_repo_set(c->sb->store, r.name, "mutability", m ? m :
	    "MUTABLE", &cause) != 0)
		sbx_api_internal(c, cause);
	else {
		ecr_repo_answer(c, &r);
		cJSON_AddStringToObject(c->output, "imageTagMutability", m ? m :
		    "MUTABLE");
		rc = 0;
	}
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* Load the repository of a resourceArn; -1 after answering. */
static int
ecr_load_arn(struct sbx_call *c, const char *action, struct sbx_ecr_repo *r)
{
	const char *arn = sbx_in_str(c, "resourceArn");
	const char *p = arn ? strstr(arn, ":repository/") : NULL;
	char *cause = NULL;
	int f;

	if (arn == NULL || !hs_starts_with(arn, "arn:aws:ecr:") || p == NULL)
		return sbx_fail(c, 400, "InvalidParameterException", "Invalid "
		    "parameter at 'resourceArn' failed to satisfy constraint: "
		    "'Invalid ARN'");
	p += strlen(":repository/");
	if (sbx_ecr_authorize(c, action, p) != 0)
		return -1;
	f = sbx_ecr_repo_get(c->sb->store, p, r, &cause);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 1)
		return sbx_fail(c, 400, "RepositoryNotFoundException", "The "
		    "repository with name '%s' does not exist in the registry "
		    "with id '%s'", p, c->sb->account_id);
	return 0;
}

/* Store a repository's tags. */
static int
ecr_save_tags(struct sbx_call *c, const struct sbx_ecr_repo *r)
{
	char *text = r->tags ? cJSON_PrintUnformatted(r->tags) : NULL;
	char *cause = NULL;
	int rc = sbx_ecr_repo_set(c->sb->store, r->name, "tags", text, &cause);

	free(text);
	if (rc != 0)
		return sbx_api_internal(c, cause);
	c->output = cJSON_CreateObject();
	return 0;
}

/* TagResource. */
int
sbx_ecr_tag_resource(struct sbx_call *c)
{
	struct sbx_ecr_repo r = { 0 };
	cJSON *add, *t;
	int rc = -1;

	if (ecr_load_arn(c, "ecr:TagResource", &r) != 0)
		return -1;
	add = sbx_api_tags_in(sbx_in(c, "tags"), "Key", "Value");
	if (r.tags == NULL)
		r.tags = cJSON_CreateObject();
	cJSON_ArrayForEach(t, add) {
		cJSON_DeleteItemFromObjectCaseSensitive(r.tags, t->string);
		cJSON_AddStringToObject(r.tags, t->string, t->valuestring);
	}
	if (cJSON_GetArraySize(r.tags) > ECR_MAX_TAGS)
		sbx_fail(c, 400, "TooManyTagsException", "The list of tags on "
		    "the repository is over the limit. The maximum number of "
		    "tags that can be applied to a repository is 50");
	else
		rc = ecr_save_tags(c, &r);
	cJSON_Delete(add);
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* UntagResource. */
int
sbx_ecr_untag_resource(struct sbx_call *c)
{
	struct sbx_ecr_repo r = { 0 };
	cJSON *k;
	int rc;

	if (ecr_load_arn(c, "ecr:UntagResource", &r) != 0)
		return -1;
	cJSON_ArrayForEach(k, sbx_in(c, "tagKeys"))
		if (cJSON_GetStringValue(k) != NULL)
			cJSON_DeleteItemFromObjectCaseSensitive(r.tags,
			    k->valuestring);
	rc = ecr_save_tags(c, &r);
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* ListTagsForResource. */
int
sbx_ecr_list_tags_for_resource(struct sbx_call *c)
{
	struct sbx_ecr_repo r = { 0 };

	if (ecr_load_arn(c, "ecr:ListTagsForResource", &r) != 0)
		return -1;
	c->output = cJSON_CreateObject();
	cJSON_AddItemToObject(c->output, "tags", sbx_api_tags_list(r.tags,
	    "Key", "Value"));
	sbx_ecr_repo_clear(&r);
	return 0;
}
