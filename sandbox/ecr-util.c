/*
 * ecr-util.c: what ECR's handlers share: repository ARNs and URIs, the
 * caller's permission, the repository a request names, the registry ID
 * (the sandbox's account), and the Repository and imageId structures.
 */
#include "hs-common.h"
#include "ecr.h"

/* arn:aws:ecr:REGION:ACCOUNT:repository/NAME. */
char *
sbx_ecr_repo_arn(const struct sbx_call *c, const char *name)
{
	return hs_xasprintf("arn:aws:ecr:%s:%s:repository/%s", c->region ?
	    c->region : "us-east-1", c->sb->account_id, name ? name : "");
}

/* Require the caller's permission for an ECR action. */
int
sbx_ecr_authorize(struct sbx_call *c, const char *action, const char *repo)
{
	char *arn = repo ? sbx_ecr_repo_arn(c, repo) : NULL;
	int rc = sbx_api_authorize(c, "AccessDeniedException", action, arn);

	free(arn);
	return rc;
}

/* Check registryId (the sandbox's account, or absent). */
int
sbx_ecr_check_registry(struct sbx_call *c)
{
	const char *reg = sbx_in_str(c, "registryId");

	if (reg == NULL || strcmp(reg, c->sb->account_id) == 0)
		return 0;
	return sbx_fail(c, 400, "InvalidParameterException", "Invalid parameter "
	    "at 'registryId' failed to satisfy constraint: 'the sandbox holds "
	    "the registry of account %s only'", c->sb->account_id);
}

/* Load the input's repositoryName; RepositoryNotFoundException. */
int
sbx_ecr_load(struct sbx_call *c, const char *action, struct sbx_ecr_repo *r)
{
	const char *name = sbx_in_str(c, "repositoryName");
	char *cause = NULL;
	int f;

	if (sbx_ecr_check_registry(c) != 0 ||
	    sbx_ecr_authorize(c, action, name) != 0)
		return -1;
	f = sbx_ecr_repo_get(c->sb->store, name ? name : "", r, &cause);
	if (f < 0)
		return sbx_api_internal(c, cause);
	if (f == 1)
		return sbx_fail(c, 400, "RepositoryNotFoundException", "The "
		    "repository with name '%s' does not exist in the registry "
		    "with id '%s'", name ? name : "", c->sb->account_id);
	return 0;
}

/* A repository as ECR's Repository structure. */
cJSON *
sbx_ecr_repo_json(const struct sbx_call *c, const struct sbx_ecr_repo *r)
{
	cJSON *o = cJSON_CreateObject(), *x;
	char *arn = sbx_ecr_repo_arn(c, r->name), *uri;

	cJSON_AddStringToObject(o, "repositoryArn", arn);
	cJSON_AddStringToObject(o, "registryId", c->sb->account_id);
	cJSON_AddStringToObject(o, "repositoryName", r->name);
	uri = hs_xasprintf("%s.dkr.ecr.%s.amazonaws.com/%s", c->sb->account_id,
	    c->region ? c->region : "us-east-1", r->name);
	cJSON_AddStringToObject(o, "repositoryUri", uri);
	cJSON_AddNumberToObject(o, "createdAt", (double)r->created_ms / 1000);
	cJSON_AddStringToObject(o, "imageTagMutability", r->mutability);
	x = cJSON_AddObjectToObject(o, "imageScanningConfiguration");
	cJSON_AddBoolToObject(x, "scanOnPush", r->scan_on_push);
	x = cJSON_AddObjectToObject(o, "encryptionConfiguration");
	cJSON_AddStringToObject(x, "encryptionType", r->encryption);
	if (r->kms_key != NULL)
		cJSON_AddStringToObject(x, "kmsKey", r->kms_key);
	free(uri);
	free(arn);
	return o;
}

/* An imageId structure. */
cJSON *
sbx_ecr_image_id(const char *digest, const char *tag)
{
	cJSON *o = cJSON_CreateObject();

	if (digest != NULL)
		cJSON_AddStringToObject(o, "imageDigest", digest);
	if (tag != NULL)
		cJSON_AddStringToObject(o, "imageTag", tag);
	return o;
}
