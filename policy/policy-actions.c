/*
 * policy-actions.c: IAM action names that are not API operation names,
 * and which S3 actions work on objects or on buckets.
 *
 * Service models (botocore) list operations; IAM authorizes actions.
 * Mostly they share names, but not always: ListObjects and ListObjectsV2
 * are authorized by s3:ListBucket, PutBucketNotificationConfiguration by
 * s3:PutBucketNotification, Invoke by lambda:InvokeFunction; and some
 * actions have no operation at all (s3:GetObjectVersion, iam:PassRole).
 * These tables, from the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html),
 * settle those names before a service model is asked.
 *
 * Every table is sorted ignoring case, for bsearch; tests check it.
 */
#include "hs-common.h"
#include "policy-int.h"

#include <strings.h>

struct iam_name {
	const char *name;	/* "s3:ListBucket" */
	const char *use;	/* for an operation name: the action to use */
};

/* IAM actions with no API operation of the same name. */
static const struct iam_name iam_only[] = {
	{ "iam:PassRole", NULL },
	{ "lambda:InvokeFunction", NULL },
	{ "lambda:InvokeFunctionUrl", NULL },
	{ "s3:BypassGovernanceRetention", NULL },
	{ "s3:DeleteObjectVersion", NULL },
	{ "s3:DeleteObjectVersionTagging", NULL },
	{ "s3:GetAccelerateConfiguration", NULL },
	{ "s3:GetAccountPublicAccessBlock", NULL },
	{ "s3:GetAnalyticsConfiguration", NULL },
	{ "s3:GetBucketNotification", NULL },
	{ "s3:GetBucketObjectLockConfiguration", NULL },
	{ "s3:GetBucketPublicAccessBlock", NULL },
	{ "s3:GetEncryptionConfiguration", NULL },
	{ "s3:GetIntelligentTieringConfiguration", NULL },
	{ "s3:GetInventoryConfiguration", NULL },
	{ "s3:GetLifecycleConfiguration", NULL },
	{ "s3:GetMetricsConfiguration", NULL },
	{ "s3:GetObjectVersion", NULL },
	{ "s3:GetObjectVersionAcl", NULL },
	{ "s3:GetObjectVersionAttributes", NULL },
	{ "s3:GetObjectVersionForReplication", NULL },
	{ "s3:GetObjectVersionTagging", NULL },
	{ "s3:GetObjectVersionTorrent", NULL },
	{ "s3:GetReplicationConfiguration", NULL },
	{ "s3:ListAllMyBuckets", NULL },
	{ "s3:ListBucket", NULL },
	{ "s3:ListBucketMultipartUploads", NULL },
	{ "s3:ListBucketVersions", NULL },
	{ "s3:ListMultipartUploadParts", NULL },
	{ "s3:ObjectOwnerOverrideToBucketOwner", NULL },
	{ "s3:PutAccelerateConfiguration", NULL },
	{ "s3:PutAccountPublicAccessBlock", NULL },
	{ "s3:PutAnalyticsConfiguration", NULL },
	{ "s3:PutBucketNotification", NULL },
	{ "s3:PutBucketObjectLockConfiguration", NULL },
	{ "s3:PutBucketPublicAccessBlock", NULL },
	{ "s3:PutEncryptionConfiguration", NULL },
	{ "s3:PutIntelligentTieringConfiguration", NULL },
	{ "s3:PutInventoryConfiguration", NULL },
	{ "s3:PutLifecycleConfiguration", NULL },
	{ "s3:PutMetricsConfiguration", NULL },
	{ "s3:PutObjectVersionAcl", NULL },
	{ "s3:PutObjectVersionTagging", NULL },
	{ "s3:PutReplicationConfiguration", NULL },
	{ "s3:ReplicateDelete", NULL },
	{ "s3:ReplicateObject", NULL },
	{ "s3:ReplicateTags", NULL },
	{ "sts:SetContext", NULL },
	{ "sts:SetSourceIdentity", NULL },
	{ "sts:TagSession", NULL },
};

/* API operation names that are no IAM action, and the action to use. */
static const struct iam_name not_actions[] = {
	{ "lambda:Invoke", "lambda:InvokeFunction" },
	{ "s3:CompleteMultipartUpload", "s3:PutObject" },
	{ "s3:CopyObject", "s3:GetObject on the source and s3:PutObject on "
	    "the target" },
	{ "s3:CreateMultipartUpload", "s3:PutObject" },
	{ "s3:DeleteBucketCors", "s3:PutBucketCORS" },
	{ "s3:DeleteBucketEncryption", "s3:PutEncryptionConfiguration" },
	{ "s3:DeleteBucketLifecycle", "s3:PutLifecycleConfiguration" },
	{ "s3:DeleteBucketReplication", "s3:PutReplicationConfiguration" },
	{ "s3:DeleteBucketTagging", "s3:PutBucketTagging" },
	{ "s3:DeleteObjects", "s3:DeleteObject" },
	{ "s3:DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock" },
	{ "s3:GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration" },
	{ "s3:GetBucketAnalyticsConfiguration", "s3:GetAnalyticsConfiguration" },
	{ "s3:GetBucketEncryption", "s3:GetEncryptionConfiguration" },
	{ "s3:GetBucketIntelligentTieringConfiguration",
	    "s3:GetIntelligentTieringConfiguration" },
	{ "s3:GetBucketInventoryConfiguration", "s3:GetInventoryConfiguration" },
	{ "s3:GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration" },
	{ "s3:GetBucketMetricsConfiguration", "s3:GetMetricsConfiguration" },
	{ "s3:GetBucketNotificationConfiguration", "s3:GetBucketNotification" },
	{ "s3:GetBucketReplication", "s3:GetReplicationConfiguration" },
	{ "s3:GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration" },
	{ "s3:GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock" },
	{ "s3:HeadBucket", "s3:ListBucket" },
	{ "s3:HeadObject", "s3:GetObject" },
	{ "s3:ListBuckets", "s3:ListAllMyBuckets" },
	{ "s3:ListMultipartUploads", "s3:ListBucketMultipartUploads" },
	{ "s3:ListObjects", "s3:ListBucket" },
	{ "s3:ListObjectsV2", "s3:ListBucket" },
	{ "s3:ListObjectVersions", "s3:ListBucketVersions" },
	{ "s3:ListParts", "s3:ListMultipartUploadParts" },
	{ "s3:PutBucketAccelerateConfiguration", "s3:PutAccelerateConfiguration" },
	{ "s3:PutBucketAnalyticsConfiguration", "s3:PutAnalyticsConfiguration" },
	{ "s3:PutBucketEncryption", "s3:PutEncryptionConfiguration" },
	{ "s3:PutBucketIntelligentTieringConfiguration",
	    "s3:PutIntelligentTieringConfiguration" },
	{ "s3:PutBucketInventoryConfiguration", "s3:PutInventoryConfiguration" },
	{ "s3:PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration" },
	{ "s3:PutBucketMetricsConfiguration", "s3:PutMetricsConfiguration" },
	{ "s3:PutBucketNotificationConfiguration", "s3:PutBucketNotification" },
	{ "s3:PutBucketReplication", "s3:PutReplicationConfiguration" },
	{ "s3:PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration" },
	{ "s3:PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock" },
	{ "s3:SelectObjectContent", "s3:GetObject" },
	{ "s3:UploadPart", "s3:PutObject" },
	{ "s3:UploadPartCopy", "s3:PutObject (and s3:GetObject on the source)" },
};

/* S3 actions whose resource is an object (arn:aws:s3:::bucket/key). */
static const char *const s3_object[] = {
	"AbortMultipartUpload", "BypassGovernanceRetention", "DeleteObject",
	"DeleteObjectTagging", "DeleteObjectVersion",
	"DeleteObjectVersionTagging", "GetObject", "GetObjectAcl",
	"GetObjectAttributes", "GetObjectLegalHold", "GetObjectRetention",
	"GetObjectTagging", "GetObjectTorrent", "GetObjectVersion",
	"GetObjectVersionAcl", "GetObjectVersionAttributes",
	"GetObjectVersionForReplication", "GetObjectVersionTagging",
	"GetObjectVersionTorrent", "ListMultipartUploadParts",
	"ObjectOwnerOverrideToBucketOwner", "PutObject", "PutObjectAcl",
	"PutObjectLegalHold", "PutObjectRetention", "PutObjectTagging",
	"PutObjectVersionAcl", "PutObjectVersionTagging", "ReplicateDelete",
	"ReplicateObject", "ReplicateTags", "RestoreObject",
};

/* S3 actions whose resource is a bucket (arn:aws:s3:::bucket). */
static const char *const s3_bucket[] = {
	"CreateBucket", "DeleteBucket", "DeleteBucketPolicy",
	"DeleteBucketWebsite", "GetAccelerateConfiguration",
	"GetBucketAcl", "GetBucketCORS", "GetBucketLocation",
	"GetBucketLogging", "GetBucketNotification",
	"GetBucketObjectLockConfiguration", "GetBucketOwnershipControls",
	"GetBucketPolicy", "GetBucketPolicyStatus",
	"GetBucketPublicAccessBlock", "GetBucketRequestPayment",
	"GetBucketTagging", "GetBucketVersioning", "GetBucketWebsite",
	"GetEncryptionConfiguration", "GetLifecycleConfiguration",
	"GetReplicationConfiguration", "ListBucket",
	"ListBucketMultipartUploads", "ListBucketVersions",
	"PutAccelerateConfiguration", "PutBucketAcl", "PutBucketCORS",
	"PutBucketLogging", "PutBucketNotification",
	"PutBucketObjectLockConfiguration", "PutBucketOwnershipControls",
	"PutBucketPolicy", "PutBucketPublicAccessBlock",
	"PutBucketRequestPayment", "PutBucketTagging", "PutBucketVersioning",
	"PutBucketWebsite", "PutEncryptionConfiguration",
	"PutLifecycleConfiguration", "PutReplicationConfiguration",
};

#ifdef HS_UNIT_TESTS
bool pol_actions_tables_sorted(void);
static bool
names_sorted(const struct iam_name *t, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcasecmp(t[i - 1].name, t[i].name) >= 0)
			return false;
	return true;
}

static bool
strs_sorted(const char *const *t, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcasecmp(t[i - 1], t[i]) >= 0)
			return false;
	return true;
}

/* Tell tests whether every table is sorted for bsearch. */
bool
pol_actions_tables_sorted(void)
{
	return names_sorted(iam_only, HS_ARRAY_SIZE(iam_only)) &&
	    names_sorted(not_actions, HS_ARRAY_SIZE(not_actions)) &&
	    strs_sorted(s3_object, HS_ARRAY_SIZE(s3_object)) &&
	    strs_sorted(s3_bucket, HS_ARRAY_SIZE(s3_bucket));
}
#endif

static int
name_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct iam_name *)elem)->name);
}

static int
str_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, *(const char *const *)elem);
}

/* Tell whether a wildcard action pattern matches an IAM-only name. */
static bool
pattern_hits_iam_only(const char *full)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(iam_only); i++)
		if (policy_wildcard_match(full, iam_only[i].name, true))
			return true;
	return false;
}

/* Settle an IAM action name the service models cannot judge. */
enum pol_iam_name
pol_iam_action_name(const char *service, const char *action,
    const char **use_instead)
{
	char full[256];
	const struct iam_name *hit;

	*use_instead = NULL;
	if ((size_t)snprintf(full, sizeof full, "%s:%s", service, action) >=
	    sizeof full)
		return POL_IAM_UNSETTLED;
	if (strpbrk(action, "*?") != NULL)
		return pattern_hits_iam_only(full) ? POL_IAM_ONLY :
		    POL_IAM_UNSETTLED;
	if (bsearch(full, iam_only, HS_ARRAY_SIZE(iam_only), sizeof iam_only[0],
	    name_cmp) != NULL)
		return POL_IAM_ONLY;
	hit = bsearch(full, not_actions, HS_ARRAY_SIZE(not_actions),
	    sizeof not_actions[0], name_cmp);
	if (hit == NULL)
		return POL_IAM_UNSETTLED;
	*use_instead = hit->use;
	return POL_IAM_NOT_ACTION;
}

/* Tell whether s3:action works on objects. */
bool
pol_s3_object_action(const char *action)
{
	return bsearch(action, s3_object, HS_ARRAY_SIZE(s3_object),
	    sizeof s3_object[0], str_cmp) != NULL;
}

/* Tell whether s3:action works on buckets. */
bool
pol_s3_bucket_action(const char *action)
{
	return bsearch(action, s3_bucket, HS_ARRAY_SIZE(s3_bucket),
	    sizeof s3_bucket[0], str_cmp) != NULL;
}
