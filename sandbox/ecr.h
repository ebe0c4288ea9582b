/*
 * ecr.h: Amazon ECR in the sandbox: repositories (settings, policy,
 * tags) and images (manifests by digest, tags pointing at them) in the
 * store. Image layers are not stored: the sandbox serves ECR's API, not
 * the Docker registry protocol, so PutImage takes a manifest without
 * checking that its layers were uploaded.
 *
 * Store functions return 0 when done, 1 for "no such" (or "exists"),
 * -1 with *cause on failure. Records own their strings.
 */
#ifndef HS_SANDBOX_ECR_H
#define HS_SANDBOX_ECR_H

#include "api.h"

struct sbx_ecr_repo {
	char *name;
	int64_t created_ms;
	char *mutability;	/* MUTABLE or IMMUTABLE */
	bool scan_on_push;
	char *encryption;	/* AES256, KMS or KMS_DSSE */
	char *kms_key;		/* or NULL */
	char *policy;		/* or NULL */
	cJSON *tags;		/* {key: value} or NULL */
};

struct sbx_ecr_image {
	char *digest;		/* sha256:HEX */
	char *manifest;
	char *media_type;
	int64_t size;		/* the layers' sizes summed */
	int64_t pushed_ms;
	cJSON *tags;		/* array of strings (may be empty) */
};

void sbx_ecr_repo_clear(struct sbx_ecr_repo *r);
void sbx_ecr_images_free(struct sbx_ecr_image *im, size_t n);

/* store-ecr.c */
/* 0 created, 1 exists. */
int sbx_ecr_repo_create(struct sbx_store *st, const struct sbx_ecr_repo *r,
    char **cause);
int sbx_ecr_repo_get(struct sbx_store *st, const char *name,
    struct sbx_ecr_repo *out, char **cause);
int sbx_ecr_repo_list(struct sbx_store *st, struct sbx_ecr_repo **out,
    size_t *n, char **cause);
/* 0 deleted, 1 none, 2 not empty (unless force: images go too). */
int sbx_ecr_repo_delete(struct sbx_store *st, const char *name, bool force,
    char **cause);
/* Set a column: mutability, scan_on_push, policy, tags (JSON text). */
int sbx_ecr_repo_set(struct sbx_store *st, const char *name,
    const char *column, const char *value, char **cause);
/* The images of a repository with their tags, newest first. */
int sbx_ecr_images(struct sbx_store *st, const char *repo,
    struct sbx_ecr_image **out, size_t *n, char **cause);
/* Store an image (if new) and point tag (or NULL) at it: 0 done,
 * 2 the image exists with that tag already (or untagged, no tag),
 * 3 the tag is on another image and the repository is immutable. */
int sbx_ecr_image_put(struct sbx_store *st, const char *repo,
    const struct sbx_ecr_image *im, const char *tag, bool immutable,
    char **cause);
/* Delete a tag, and the image when it was its last tag; or (tag NULL)
 * an image with its tags. 0 done, 1 not found. */
int sbx_ecr_image_delete(struct sbx_store *st, const char *repo,
    const char *digest, const char *tag, char **cause);

/* ecr-util.c */
/* arn:aws:ecr:REGION:ACCOUNT:repository/NAME. */
char *sbx_ecr_repo_arn(const struct sbx_call *c, const char *name);
/* Require the caller's permission for an ECR action. */
int sbx_ecr_authorize(struct sbx_call *c, const char *action,
    const char *repo);
/* Load the input's repositoryName; RepositoryNotFoundException. */
int sbx_ecr_load(struct sbx_call *c, const char *action,
    struct sbx_ecr_repo *r);
/* Check registryId (the sandbox's account, or absent). */
int sbx_ecr_check_registry(struct sbx_call *c);
/* A repository as ECR's Repository structure. */
cJSON *sbx_ecr_repo_json(const struct sbx_call *c,
    const struct sbx_ecr_repo *r);
/* An imageId structure. */
cJSON *sbx_ecr_image_id(const char *digest, const char *tag);

/* The handlers (svc-ecr-*.c). */
int sbx_ecr_create_repository(struct sbx_call *c);
int sbx_ecr_describe_repositories(struct sbx_call *c);
int sbx_ecr_delete_repository(struct sbx_call *c);
int sbx_ecr_set_repository_policy(struct sbx_call *c);
int sbx_ecr_get_repository_policy(struct sbx_call *c);
int sbx_ecr_delete_repository_policy(struct sbx_call *c);
int sbx_ecr_put_image_scanning_configuration(struct sbx_call *c);
int sbx_ecr_put_image_tag_mutability(struct sbx_call *c);
int sbx_ecr_tag_resource(struct sbx_call *c);
int sbx_ecr_untag_resource(struct sbx_call *c);
int sbx_ecr_list_tags_for_resource(struct sbx_call *c);
int sbx_ecr_put_image(struct sbx_call *c);
int sbx_ecr_list_images(struct sbx_call *c);
int sbx_ecr_describe_images(struct sbx_call *c);
int sbx_ecr_batch_get_image(struct sbx_call *c);
int sbx_ecr_batch_delete_image(struct sbx_call *c);
int sbx_ecr_get_authorization_token(struct sbx_call *c);

#endif
