/*
 * iam-managed.c: a small catalogue of AWS managed policies, with the
 * documents, versions and dates AWS publishes for them (the AWS Managed
 * Policy reference), so that roles can attach them as in AWS:
 * AttachRolePolicy, GetPolicy, GetPolicyVersion and the permissions a
 * role session or a Lambda function's execution role gets from them.
 * Policies not listed here answer NoSuchEntity, as an unknown ARN would.
 */
#include "hs-common.h"
#include "iam.h"

#include "aws/protocol.h"

struct iam_managed {
	const char *name;
	const char *path;
	const char *policy_id;
	const char *version;
	const char *created;	/* ISO 8601, UTC */
	const char *updated;
	const char *description;
	const char *document;
};

/* Sorted by name. */
static const struct iam_managed iam_catalogue[] = {
	{ "AWSLambdaBasicExecutionRole", "/service-role/",
	    "ANPAJNCQGXC42545SKXIK", "v1", "2015-04-09T15:03:43Z",
	    "2015-04-09T15:03:43Z", "Provides write permissions to CloudWatch "
	    "Logs.",
	    "{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [\n    {\n"
	    "      \"Effect\" : \"Allow\",\n      \"Action\" : [\n"
	    "        \"logs:CreateLogGroup\",\n        \"logs:CreateLogStream\",\n"
	    "        \"logs:PutLogEvents\"\n      ],\n      \"Resource\" : \"*\"\n"
	    "    }\n  ]\n}" },
	{ "AWSLambdaExecute", "/", "ANPAJE5FX7FQZSU5XAKGO", "v1",
	    "2015-02-06T18:40:46Z", "2015-02-06T18:40:46Z", "Provides Put, Get "
	    "access to S3 and full access to CloudWatch Logs.",
	    "{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [\n    {\n"
	    "      \"Effect\" : \"Allow\",\n      \"Action\" : [\n"
	    "        \"logs:*\"\n      ],\n"
	    "      \"Resource\" : \"arn:aws:logs:*:*:*\"\n    },\n    {\n"
	    "      \"Effect\" : \"Allow\",\n      \"Action\" : [\n"
	    "        \"s3:GetObject\",\n        \"s3:PutObject\"\n      ],\n"
	    "      \"Resource\" : \"arn:aws:s3:::*\"\n    }\n  ]\n}" },
	{ "AWSLambdaRole", "/service-role/", "ANPAJX4DPCRGTC4NFDUXI", "v1",
	    "2015-02-06T18:41:28Z", "2015-02-06T18:41:28Z", "Default policy for "
	    "AWS Lambda service role.",
	    "{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [\n    {\n"
	    "      \"Effect\" : \"Allow\",\n      \"Action\" : [\n"
	    "        \"lambda:InvokeFunction\"\n      ],\n"
	    "      \"Resource\" : [\n        \"*\"\n      ]\n    }\n  ]\n}" },
	{ "AdministratorAccess", "/", "ANPAIWMBCKSKIEE64ZLYK", "v1",
	    "2015-02-06T18:39:46Z", "2015-02-06T18:39:46Z", "Provides full "
	    "access to AWS services and resources.",
	    "{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [\n    {\n"
	    "      \"Effect\" : \"Allow\",\n      \"Action\" : \"*\",\n"
	    "      \"Resource\" : \"*\"\n    }\n  ]\n}" },
	{ "AmazonEC2ContainerRegistryReadOnly", "/", "ANPAIFYZPA37OOHVIH7KQ",
	    "v3", "2015-12-21T17:04:57Z", "2019-12-05T19:31:15Z", "Provides "
	    "read-only access to Amazon EC2 Container Registry repositories.",
	    "{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [\n    {\n"
	    "      \"Effect\" : \"Allow\",\n      \"Action\" : [\n"
	    "        \"ecr:GetAuthorizationToken\",\n"
	    "        \"ecr:BatchCheckLayerAvailability\",\n"
	    "        \"ecr:GetDownloadUrlForLayer\",\n"
	    "        \"ecr:GetRepositoryPolicy\",\n"
	    "        \"ecr:DescribeRepositories\",\n        \"ecr:ListImages\",\n"
	    "        \"ecr:DescribeImages\",\n        \"ecr:BatchGetImage\",\n"
	    "        \"ecr:GetLifecyclePolicy\",\n"
	    "        \"ecr:GetLifecyclePolicyPreview\",\n"
	    "        \"ecr:ListTagsForResource\",\n"
	    "        \"ecr:DescribeImageScanFindings\"\n      ],\n"
	    "      \"Resource\" : \"*\"\n    }\n  ]\n}" },
	{ "AmazonS3FullAccess", "/", "ANPAIFIR6V6BVTRAHWINE", "v2",
	    "2015-02-06T18:40:58Z", "2021-09-27T20:16:37Z", "Provides full "
	    "access to all buckets via the AWS Management Console.",
	    "{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [\n    {\n"
	    "      \"Effect\" : \"Allow\",\n      \"Action\" : [\n"
	    "        \"s3:*\",\n        \"s3-object-lambda:*\"\n      ],\n"
	    "      \"Resource\" : \"*\"\n    }\n  ]\n}" },
	{ "AmazonS3ReadOnlyAccess", "/", "ANPAIZTJ4DXE7G6AGAE6M", "v3",
	    "2015-02-06T18:40:59Z", "2023-08-10T21:31:39Z", "Provides read only "
	    "access to all buckets via the AWS Management Console.",
	    "{\n  \"Version\" : \"2012-10-17\",\n  \"Statement\" : [\n    {\n"
	    "      \"Effect\" : \"Allow\",\n      \"Action\" : [\n"
	    "        \"s3:Get*\",\n        \"s3:List*\",\n"
	    "        \"s3:Describe*\",\n        \"s3-object-lambda:Get*\",\n"
	    "        \"s3-object-lambda:List*\"\n      ],\n"
	    "      \"Resource\" : \"*\"\n    }\n  ]\n}" },
};

/* Milliseconds since the epoch of an ISO 8601 date of the catalogue. */
static int64_t
managed_ms(const char *iso)
{
	struct aws_time t;

	if (aws_time_parse(iso, &t) != 0)
		BUG("bad catalogue date %s", iso);
	return t.sec * 1000;
}

/* The AWS managed policy with this ARN: 0 and out filled, 1 none. */
int
sbx_iam_managed_load(const char *arn, struct sbx_iam_policy *out)
{
	static const char prefix[] = "arn:aws:iam::aws:policy";
	size_t i;

	if (!hs_starts_with(arn, prefix))
		return 1;
	for (i = 0; i < HS_ARRAY_SIZE(iam_catalogue); i++) {
		const struct iam_managed *m = &iam_catalogue[i];
		char *want = hs_xasprintf("%s%s%s", prefix, m->path, m->name);
		bool same = strcmp(want, arn) == 0;

		free(want);
		if (!same)
			continue;
		out->arn = hs_xstrdup(arn);
		out->name = hs_xstrdup(m->name);
		out->path = hs_xstrdup(m->path);
		out->policy_id = hs_xstrdup(m->policy_id);
		out->description = hs_xstrdup(m->description);
		out->default_version = hs_xstrdup(m->version);
		out->document = hs_xstrdup(m->document);
		out->created_ms = managed_ms(m->created);
		out->updated_ms = managed_ms(m->updated);
		out->aws_managed = true;
		return 0;
	}
	return 1;
}
