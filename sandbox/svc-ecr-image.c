/*
 * svc-ecr-image.c: ECR images: PutImage (the digest is the SHA-256 of
 * the manifest's bytes; ImageAlreadyExistsException, and
 * ImageTagAlreadyExistsException in IMMUTABLE repositories), ListImages,
 * DescribeImages, BatchGetImage, BatchDeleteImage and
 * GetAuthorizationToken (base64 "AWS:token", the registry's proxy
 * endpoint, 12 hours). The sandbox keeps manifests, not layers; the
 * token is not a key to any registry the sandbox serves.
 */
#include "hs-common.h"
#include "ecr.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

/* The digest of a manifest: sha256: and 64 hex digits. */
static char *
ecr_digest(const char *manifest)
{
	unsigned char md[32];
	unsigned int mdlen = 0;
	char hex[65];
	unsigned i;

	EVP_Digest(manifest, strlen(manifest), md, &mdlen, EVP_sha256(), NULL);
	for (i = 0; i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return hs_xasprintf("sha256:%s", hex);
}

/* The size of an image: its layers' sizes summed. */
static int64_t
ecr_manifest_size(const cJSON *m)
{
	const cJSON *l;
	int64_t size = 0;

	cJSON_ArrayForEach(l, cJSON_GetObjectItem(m, "layers"))
		size += (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(l,
		    "size"));
	return size;
}

/* Read PutImage's manifest: media type and size; -1 after answering. */
static int
ecr_read_manifest(struct sbx_call *c, struct sbx_ecr_image *im)
{
	const char *text = sbx_in_str(c, "imageManifest");
	const char *given = sbx_in_str(c, "imageManifestMediaType");
	cJSON *m = text ? cJSON_Parse(text) : NULL;
	const char *mt = cJSON_GetStringValue(cJSON_GetObjectItem(m,
	    "mediaType"));

	if (!cJSON_IsObject(m) || !cJSON_IsNumber(cJSON_GetObjectItem(m,
	    "schemaVersion"))) {
		cJSON_Delete(m);
		return sbx_fail(c, 400, "InvalidParameterException", "Invalid "
		    "parameter at 'ImageManifest' failed to satisfy constraint: "
		    "'Invalid JSON syntax'");
	}
	if (given != NULL && mt != NULL && strcmp(given, mt) != 0) {
		cJSON_Delete(m);
		return sbx_fail(c, 400, "InvalidParameterException", "Invalid "
		    "parameter at 'imageManifestMediaType' failed to satisfy "
		    "constraint: 'must match the mediaType of the manifest'");
	}
	im->media_type = hs_xstrdup(given ? given : mt ? mt :
	    "application/vnd.docker.distribution.manifest.v2+json");
	im->size = ecr_manifest_size(m);
	im->manifest = hs_xstrdup(text);
	im->digest = ecr_digest(text);
	cJSON_Delete(m);
	return 0;
}

/* Answer PutImage's conflicts. */
static int
ecr_put_conflict(struct sbx_call *c, int f, const struct sbx_ecr_image *im,
    const char *repo, const char *tag)
{
	if (f == 3)
		return sbx_fail(c, 400, "ImageTagAlreadyExistsException", "The "
		    "image tag '%s' already exists in the '%s' repository and "
		    "cannot be overwritten because the repository is "
		    "immutable.", tag, repo);
	return sbx_fail(c, 400, "ImageAlreadyExistsException", "Image with "
	    "digest '%s' and tag '%s' already exists in the repository with "
	    "name '%s' in registry with id '%s'", im->digest, tag ? tag : "null",
	    repo, c->sb->account_id);
}

/* PutImage. */
int
sbx_ecr_put_image(struct sbx_call *c)
{
	const char *tag = sbx_in_str(c, "imageTag");
	const char *want = sbx_in_str(c, "imageDigest");
	struct sbx_ecr_repo r = { 0 };
	struct sbx_ecr_image im = { 0 };
	char *cause = NULL;
	int rc = -1, f;

	if (sbx_ecr_load(c, "ecr:PutImage", &r) != 0)
		return -1;
	if (ecr_read_manifest(c, &im) != 0)
		goto cleanup;
	if (want != NULL && strcmp(want, im.digest) != 0) {
		sbx_fail(c, 400, "ImageDigestDoesNotMatchException", "The "
		    "provided image digest '%s' does not match the digest of the "
		    "manifest '%s'", want, im.digest);
		goto cleanup;
	}
	im.pushed_ms = c->now_ms;
	f = sbx_ecr_image_put(c->sb->store, r.name, &im, tag,
	    strcmp(r.mutability, "IMMUTABLE") == 0, &cause);
	if (f < 0)
		sbx_api_internal(c, cause);
	else if (f > 0)
		ecr_put_conflict(c, f, &im, r.name, tag);
	else {
		cJSON *o;
		c->output = cJSON_CreateObject();
		o = cJSON_AddObjectToObject(c->output, "image");
		cJSON_AddStringToObject(o, "registryId", c->sb->account_id);
		cJSON_AddStringToObject(o, "repositoryName", r.name);
		cJSON_AddItemToObject(o, "imageId", sbx_ecr_image_id(im.digest,
		    tag));
		cJSON_AddStringToObject(o, "imageManifest", im.manifest);
		cJSON_AddStringToObject(o, "imageManifestMediaType",
		    im.media_type);
		rc = 0;
	}
cleanup:
	free(im.digest);
	free(im.manifest);
	free(im.media_type);
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* Load a repository and its images; -1 after answering. */
static int
ecr_load_images(struct sbx_call *c, const char *action,
    struct sbx_ecr_repo *r, struct sbx_ecr_image **im, size_t *n)
{
	char *cause = NULL;

	*im = NULL;
	*n = 0;
	if (sbx_ecr_load(c, action, r) != 0)
		return -1;
	if (sbx_ecr_images(c->sb->store, r->name, im, n, &cause) != 0)
		return sbx_api_internal(c, cause);
	return 0;
}

/* Tell whether an image passes the tagStatus filter. */
static bool
ecr_tag_status(const struct sbx_call *c, const struct sbx_ecr_image *im)
{
	const char *ts = cJSON_GetStringValue(cJSON_GetObjectItem(sbx_in(c,
	    "filter"), "tagStatus"));
	bool tagged = cJSON_GetArraySize(im->tags) > 0;

	if (ts == NULL || strcmp(ts, "ANY") == 0)
		return true;
	return strcmp(ts, "TAGGED") == 0 ? tagged : !tagged;
}

/* Add a page of items and the nextToken (the offset of the next one). */
static void
ecr_page(struct sbx_call *c, cJSON *all, const char *key)
{
	const char *tok = sbx_in_str(c, "nextToken");
	long max = sbx_in_long(c, "maxResults", 100);
	int start = tok ? atoi(tok) : 0, n = cJSON_GetArraySize(all), i;
	cJSON *list = cJSON_AddArrayToObject(c->output, key);
	char num[24];

	for (i = start; i < n && i < start + max; i++)
		cJSON_AddItemToArray(list, cJSON_Duplicate(cJSON_GetArrayItem(all,
		    i), true));
	if (i < n)
		cJSON_AddStringToObject(c->output, "nextToken", sbx_itoa(i, num));
}

/* ListImages: one imageId per tag; untagged images by digest. */
int
sbx_ecr_list_images(struct sbx_call *c)
{
	struct sbx_ecr_repo r = { 0 };
	struct sbx_ecr_image *im = NULL;
	cJSON *all = cJSON_CreateArray(), *t;
	size_t n = 0, i;
	int rc = -1;

	if (ecr_load_images(c, "ecr:ListImages", &r, &im, &n) == 0) {
		for (i = 0; i < n; i++) {
			if (!ecr_tag_status(c, &im[i]))
				continue;
			cJSON_ArrayForEach(t, im[i].tags)
				cJSON_AddItemToArray(all, sbx_ecr_image_id(
				    im[i].digest, t->valuestring));
			if (cJSON_GetArraySize(im[i].tags) == 0)
				cJSON_AddItemToArray(all, sbx_ecr_image_id(
				    im[i].digest, NULL));
		}
		c->output = cJSON_CreateObject();
		ecr_page(c, all, "imageIds");
		rc = 0;
	}
	cJSON_Delete(all);
	sbx_ecr_images_free(im, n);
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* An image as ECR's ImageDetail structure. */
static cJSON *
ecr_detail(const struct sbx_call *c, const char *repo,
    const struct sbx_ecr_image *im)
{
	cJSON *o = cJSON_CreateObject(), *m = cJSON_Parse(im->manifest);
	const char *art = cJSON_GetStringValue(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(m, "config"), "mediaType"));

	cJSON_AddStringToObject(o, "registryId", c->sb->account_id);
	cJSON_AddStringToObject(o, "repositoryName", repo);
	cJSON_AddStringToObject(o, "imageDigest", im->digest);
	if (cJSON_GetArraySize(im->tags) > 0)
		cJSON_AddItemToObject(o, "imageTags", cJSON_Duplicate(im->tags,
		    true));
	cJSON_AddNumberToObject(o, "imageSizeInBytes", (double)im->size);
	cJSON_AddNumberToObject(o, "imagePushedAt", (double)im->pushed_ms / 1000);
	cJSON_AddStringToObject(o, "imageManifestMediaType", im->media_type);
	if (art != NULL)
		cJSON_AddStringToObject(o, "artifactMediaType", art);
	cJSON_Delete(m);
	return o;
}

/* The image an imageId names (by digest, tag, or both), or NULL. */
static const struct sbx_ecr_image *
ecr_find(const struct sbx_ecr_image *im, size_t n, const cJSON *id,
    bool *mismatch)
{
	const char *d = cJSON_GetStringValue(cJSON_GetObjectItem(id,
	    "imageDigest"));
	const char *t = cJSON_GetStringValue(cJSON_GetObjectItem(id,
	    "imageTag"));
	const cJSON *x;
	size_t i;

	*mismatch = false;
	for (i = 0; i < n; i++) {
		bool tag_here = false;
		cJSON_ArrayForEach(x, im[i].tags)
			tag_here = tag_here || (t && strcmp(x->valuestring, t) == 0);
		if (d != NULL && strcmp(im[i].digest, d) == 0) {
			*mismatch = t != NULL && !tag_here;
			return *mismatch ? NULL : &im[i];
		}
		if (d == NULL && tag_here)
			return &im[i];
	}
	return NULL;
}

/* Answer ImageNotFoundException for an imageId. */
static int
ecr_image_not_found(struct sbx_call *c, const char *repo, const cJSON *id)
{
	const char *d = cJSON_GetStringValue(cJSON_GetObjectItem(id,
	    "imageDigest"));
	const char *t = cJSON_GetStringValue(cJSON_GetObjectItem(id,
	    "imageTag"));

	return sbx_fail(c, 400, "ImageNotFoundException", "The image with "
	    "imageId {imageDigest:'%s', imageTag:'%s'} does not exist within "
	    "the repository with name '%s' in the registry with id '%s'",
	    d ? d : "null", t ? t : "null", repo, c->sb->account_id);
}

/* DescribeImages. */
int
sbx_ecr_describe_images(struct sbx_call *c)
{
	struct sbx_ecr_repo r = { 0 };
	struct sbx_ecr_image *im = NULL;
	cJSON *ids = sbx_in(c, "imageIds"), *all = cJSON_CreateArray(), *id;
	size_t n = 0, i;
	int rc = -1;
	bool mm;

	if (ecr_load_images(c, "ecr:DescribeImages", &r, &im, &n) != 0)
		goto cleanup;
	cJSON_ArrayForEach(id, ids) {
		const struct sbx_ecr_image *one = ecr_find(im, n, id, &mm);
		if (one == NULL) {
			ecr_image_not_found(c, r.name, id);
			goto cleanup;
		}
		cJSON_AddItemToArray(all, ecr_detail(c, r.name, one));
	}
	for (i = 0; ids == NULL && i < n; i++)
		if (ecr_tag_status(c, &im[i]))
			cJSON_AddItemToArray(all, ecr_detail(c, r.name, &im[i]));
	c->output = cJSON_CreateObject();
	ecr_page(c, all, "imageDetails");
	rc = 0;
cleanup:
	cJSON_Delete(all);
	sbx_ecr_images_free(im, n);
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* A failure of a batch operation. */
static cJSON *
ecr_failure(const cJSON *id, bool mismatch)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "imageId", cJSON_Duplicate(id, true));
	cJSON_AddStringToObject(o, "failureCode", mismatch ?
	    "ImageTagDoesNotMatchDigest" : "ImageNotFound");
	cJSON_AddStringToObject(o, "failureReason", mismatch ?
	    "Invalid image tag for the digest" : "Requested image not found");
	return o;
}

/* BatchGetImage. */
int
sbx_ecr_batch_get_image(struct sbx_call *c)
{
	struct sbx_ecr_repo r = { 0 };
	struct sbx_ecr_image *im = NULL;
	cJSON *images, *fails, *id;
	size_t n = 0;
	bool mm;

	if (ecr_load_images(c, "ecr:BatchGetImage", &r, &im, &n) != 0) {
		sbx_ecr_repo_clear(&r);
		return -1;
	}
	c->output = cJSON_CreateObject();
	images = cJSON_AddArrayToObject(c->output, "images");
	fails = cJSON_AddArrayToObject(c->output, "failures");
	cJSON_ArrayForEach(id, sbx_in(c, "imageIds")) {
		const struct sbx_ecr_image *one = ecr_find(im, n, id, &mm);
		cJSON *o;
		if (one == NULL) {
			cJSON_AddItemToArray(fails, ecr_failure(id, mm));
			continue;
		}
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "registryId", c->sb->account_id);
		cJSON_AddStringToObject(o, "repositoryName", r.name);
		cJSON_AddItemToObject(o, "imageId", sbx_ecr_image_id(one->digest,
		    cJSON_GetStringValue(cJSON_GetObjectItem(id, "imageTag"))));
		cJSON_AddStringToObject(o, "imageManifest", one->manifest);
		cJSON_AddStringToObject(o, "imageManifestMediaType",
		    one->media_type);
		cJSON_AddItemToArray(images, o);
	}
	sbx_ecr_images_free(im, n);
	sbx_ecr_repo_clear(&r);
	return 0;
}

/* Delete one imageId; its answer goes to deleted or fails. */
static int
ecr_delete_one(struct sbx_call *c, const char *repo,
    const struct sbx_ecr_image *one, const cJSON *id, cJSON *deleted)
{
	const char *t = cJSON_GetStringValue(cJSON_GetObjectItem(id, "imageTag"));
	const cJSON *x;
	char *cause = NULL;

	if (sbx_ecr_image_delete(c->sb->store, repo, one->digest, t,
	    &cause) < 0)
		return sbx_api_internal(c, cause);
	if (t != NULL)
		cJSON_AddItemToArray(deleted, sbx_ecr_image_id(one->digest, t));
	else if (cJSON_GetArraySize(one->tags) == 0)
		cJSON_AddItemToArray(deleted, sbx_ecr_image_id(one->digest, NULL));
	if (t != NULL)
		return 0;
	cJSON_ArrayForEach(x, one->tags)
		cJSON_AddItemToArray(deleted, sbx_ecr_image_id(one->digest,
		    x->valuestring));
	return 0;
}

/* BatchDeleteImage. */
int
sbx_ecr_batch_delete_image(struct sbx_call *c)
{
	struct sbx_ecr_repo r = { 0 };
	struct sbx_ecr_image *im = NULL;
	cJSON *deleted, *fails, *id;
	char *cause = NULL;
	size_t n = 0;
	int rc = -1;
	bool mm;

	if (ecr_load_images(c, "ecr:BatchDeleteImage", &r, &im, &n) != 0)
		goto cleanup;
	c->output = cJSON_CreateObject();
	deleted = cJSON_AddArrayToObject(c->output, "imageIds");
	fails = cJSON_AddArrayToObject(c->output, "failures");
	cJSON_ArrayForEach(id, sbx_in(c, "imageIds")) {
		const struct sbx_ecr_image *one = ecr_find(im, n, id, &mm);
		if (one == NULL)
			cJSON_AddItemToArray(fails, ecr_failure(id, mm));
		else if (ecr_delete_one(c, r.name, one, id, deleted) != 0)
			goto cleanup;
		sbx_ecr_images_free(im, n);
		if (sbx_ecr_images(c->sb->store, r.name, &im, &n, &cause) != 0) {
			sbx_api_internal(c, cause);
			goto cleanup;
		}
	}
	rc = 0;
cleanup:
	sbx_ecr_images_free(im, n);
	sbx_ecr_repo_clear(&r);
	return rc;
}

/* GetAuthorizationToken. */
int
sbx_ecr_get_authorization_token(struct sbx_call *c)
{
	unsigned char raw[96];
	char *secret, *plain, *token, *proxy;
	cJSON *list, *o;

	if (sbx_ecr_authorize(c, "ecr:GetAuthorizationToken", NULL) != 0)
		return -1;
	if (RAND_bytes(raw, sizeof raw) != 1)
		BUG("RAND_bytes failed");
	secret = sbx_base64_encode(raw, sizeof raw);
	plain = hs_xasprintf("AWS:%s", secret);
	token = sbx_base64_encode(plain, strlen(plain));
	proxy = hs_xasprintf("https://%s.dkr.ecr.%s.amazonaws.com",
	    c->sb->account_id, c->region ? c->region : "us-east-1");
	c->output = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(c->output, "authorizationData");
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "authorizationToken", token);
	cJSON_AddNumberToObject(o, "expiresAt", (double)(c->now + 12 * 3600));
	cJSON_AddStringToObject(o, "proxyEndpoint", proxy);
	cJSON_AddItemToArray(list, o);
	hs_cleanse(raw, sizeof raw);
	hs_free_secret(secret);
	hs_free_secret(plain);
	hs_free_secret(token);
	free(proxy);
	return 0;
}
