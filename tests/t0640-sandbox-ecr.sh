#!/bin/sh
# t0640-sandbox-ecr: Amazon ECR against hipaa-sandbox with the AWS CLI:
# the blog's flow (create-repository, put-image, list-images,
# describe-images, get-authorization-token), name rules, digests as the
# SHA-256 of the manifest, ImageAlreadyExists, immutable tags,
# batch-get/delete, RepositoryNotEmpty unless --force, repository
# policies, settings and tags.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$top_srcdir/tests/lib-sandbox.sh"
require_program aws
require_program python3

cd "$TEST_TMP" || exit 99
cat >manifest.json <<'JSON'
{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1469,"digest":"sha256:6e38f40d628db3002f5617e4be9ad5a6e6ae1f4b2c1d2f3b5b2a9ef2a2b5c9e1"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":3370706,"digest":"sha256:8a49fdb3b6a5ff2bd8ec6a86c05b2922a0f7454579ecc07637e94dfd1d0639b6"},{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":1000,"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111"}]}
JSON
sed 's/"size":1000/"size":2000/' manifest.json >manifest2.json
digest=sha256:$(python3 -c 'import hashlib; print(hashlib.sha256(open("manifest.json","rb").read()).hexdigest())')
digest2=sha256:$(python3 -c 'import hashlib; print(hashlib.sha256(open("manifest2.json","rb").read()).hexdigest())')
export digest digest2

start_sandbox

n=0
for cli in $(sandbox_clis); do
	n=$((n + 1))
	repo=phi/app-v$n
	export cli repo
	test_expect_success "$cli: create-repository with scanning, mutability and KMS" '
		$cli --endpoint-url "$SANDBOX_URL" ecr create-repository \
		    --repository-name "$repo" --image-scanning-configuration scanOnPush=true \
		    --image-tag-mutability IMMUTABLE \
		    --encryption-configuration encryptionType=KMS --output json >out &&
		test_grep "\"repositoryArn\": \"arn:aws:ecr:us-east-1:000000000000:repository/$repo\"" out &&
		test_grep "\"repositoryUri\": \"000000000000.dkr.ecr.us-east-1.amazonaws.com/$repo\"" out &&
		test_grep "\"registryId\": \"000000000000\"" out &&
		test_grep "\"scanOnPush\": true" out &&
		test_grep "\"imageTagMutability\": \"IMMUTABLE\"" out &&
		test_grep "\"encryptionType\": \"KMS\"" out &&
		test_grep "\"createdAt\": " out
	'
	test_expect_success "$cli: put-image: the digest is the sha256 of the manifest" '
		$cli --endpoint-url "$SANDBOX_URL" ecr put-image --repository-name "$repo" \
		    --image-tag v1 --image-manifest file://manifest.json --output json >out &&
		test_grep "\"imageDigest\": \"$digest\"" out &&
		test_grep "\"imageTag\": \"v1\"" out
	'
	test_expect_success "$cli: list-images and describe-images" '
		$cli --endpoint-url "$SANDBOX_URL" ecr list-images --repository-name "$repo" \
		    --output json >out &&
		test_grep "\"imageDigest\": \"$digest\"" out &&
		$cli --endpoint-url "$SANDBOX_URL" ecr describe-images --repository-name "$repo" \
		    --output json >out &&
		test_grep "\"imageTags\": \[" out && test_grep "\"v1\"" out &&
		test_grep "\"imageSizeInBytes\": 3371706" out &&
		test_grep "\"imageManifestMediaType\": \"application/vnd.docker.distribution.manifest.v2+json\"" out &&
		test_grep "\"artifactMediaType\": \"application/vnd.docker.container.image.v1+json\"" out &&
		test_grep "\"imagePushedAt\": " out
	'
	test_expect_success "$cli: get-authorization-token: base64 AWS:token, proxy endpoint, 12 hours" '
		$cli --endpoint-url "$SANDBOX_URL" ecr get-authorization-token --output json >out &&
		python3 - <<-\PY
		import base64, datetime, json
		d = json.load(open("out"))["authorizationData"][0]
		user, _, pw = base64.b64decode(d["authorizationToken"]).decode().partition(":")
		assert user == "AWS" and len(pw) > 64, (user, pw)
		assert d["proxyEndpoint"] == "https://000000000000.dkr.ecr.us-east-1.amazonaws.com", d
		exp = d["expiresAt"]
		when = datetime.datetime.fromisoformat(exp) if isinstance(exp, str) else datetime.datetime.fromtimestamp(exp, datetime.timezone.utc)
		left = (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
		assert 11.9 * 3600 < left <= 12 * 3600 + 5, left
		PY
	'
done

test_expect_success 'get-login-password prints the password of the token' '
	sbx_aws ecr get-login-password >pw &&
	test "$(wc -c <pw)" -gt 64 && test_grep_not "^AWS:" pw
'

test_expect_success 'repository names follow ECR rules; a second create is RepositoryAlreadyExists' '
	! sbx_aws ecr create-repository --repository-name Bad_Name 2>err &&
	test_grep "(InvalidParameterException)" err &&
	test_grep "repositoryName" err &&
	! sbx_aws ecr create-repository --repository-name phi/app-v1 2>err &&
	test_grep "(RepositoryAlreadyExistsException) when calling the CreateRepository operation: The repository with name .phi/app-v1. already exists in the registry with id .000000000000." err
'

test_expect_success 'the same image and tag again is ImageAlreadyExists; IMMUTABLE tags cannot move' '
	! sbx_aws ecr put-image --repository-name phi/app-v1 --image-tag v1 \
	    --image-manifest file://manifest.json 2>err &&
	test_grep "(ImageAlreadyExistsException) when calling the PutImage operation: Image with digest .$digest. and tag .v1. already exists" err &&
	! sbx_aws ecr put-image --repository-name phi/app-v1 --image-tag v1 \
	    --image-manifest file://manifest2.json 2>err &&
	test_grep "(ImageTagAlreadyExistsException) when calling the PutImage operation: The image tag .v1. already exists in the .phi/app-v1. repository and cannot be overwritten because the repository is immutable." err
'

test_expect_success 'in a MUTABLE repository a tag moves and leaves the old image untagged' '
	sbx_aws ecr create-repository --repository-name web >/dev/null &&
	sbx_aws ecr put-image --repository-name web --image-tag latest \
	    --image-manifest file://manifest.json >/dev/null &&
	sbx_aws ecr put-image --repository-name web --image-tag latest \
	    --image-manifest file://manifest2.json >/dev/null &&
	sbx_aws ecr list-images --repository-name web --filter tagStatus=UNTAGGED \
	    --query "imageIds[].imageDigest" --output text >out &&
	test "$(cat out)" = "$digest" &&
	sbx_aws ecr describe-images --repository-name web --image-ids imageTag=latest \
	    --query "imageDetails[0].imageDigest" --output text >out &&
	test "$(cat out)" = "$digest2" &&
	! sbx_aws ecr describe-images --repository-name web --image-ids imageTag=nope 2>err &&
	test_grep "(ImageNotFoundException)" err
'

test_expect_success 'put-image rejects a manifest that is not JSON, and a wrong digest' '
	echo "{not json" >bad.json &&
	! sbx_aws ecr put-image --repository-name web --image-manifest file://bad.json 2>err &&
	test_grep "(InvalidParameterException)" err &&
	! sbx_aws ecr put-image --repository-name web --image-tag x \
	    --image-digest sha256:0000000000000000000000000000000000000000000000000000000000000000 \
	    --image-manifest file://manifest.json 2>err &&
	test_grep "(ImageDigestDoesNotMatchException)" err
'

test_expect_success 'batch-get-image answers manifests and failures' '
	sbx_aws ecr batch-get-image --repository-name web \
	    --image-ids imageTag=latest imageTag=missing --output json >out &&
	test_grep "\"imageManifest\": \"{\\\\\"schemaVersion\\\\\":2" out &&
	test_grep "\"failureCode\": \"ImageNotFound\"" out &&
	test_grep "\"failureReason\": \"Requested image not found\"" out
'

test_expect_success 'delete-repository refuses a repository with images unless --force' '
	! sbx_aws ecr delete-repository --repository-name web 2>err &&
	test_grep "(RepositoryNotEmptyException) when calling the DeleteRepository operation: The repository with name .web. in registry with id .000000000000. cannot be deleted because it still contains images" err &&
	sbx_aws ecr batch-delete-image --repository-name web --image-ids imageTag=latest \
	    --output json >out &&
	test_grep "\"imageTag\": \"latest\"" out &&
	sbx_aws ecr list-images --repository-name web --query "length(imageIds)" >out &&
	test "$(cat out)" = 1 &&
	sbx_aws ecr delete-repository --repository-name web --force --output json >out &&
	test_grep "\"repositoryName\": \"web\"" out &&
	! sbx_aws ecr describe-repositories --repository-names web 2>err &&
	test_grep "(RepositoryNotFoundException) when calling the DescribeRepositories operation: The repository with name .web. does not exist in the registry with id .000000000000." err
'

test_expect_success 'repository policies are checked, kept and removed' '
	! sbx_aws ecr get-repository-policy --repository-name phi/app-v1 2>err &&
	test_grep "(RepositoryPolicyNotFoundException)" err &&
	! sbx_aws ecr set-repository-policy --repository-name phi/app-v1 \
	    --policy-text "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Perhaps\"}]}" 2>err &&
	test_grep "Invalid repository policy provided" err &&
	sbx_aws ecr set-repository-policy --repository-name phi/app-v1 --policy-text \
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}" >/dev/null &&
	sbx_aws ecr get-repository-policy --repository-name phi/app-v1 \
	    --query policyText --output text >out && test_grep "\"Sid\":\"pull\"" out &&
	sbx_aws ecr delete-repository-policy --repository-name phi/app-v1 >/dev/null &&
	! sbx_aws ecr get-repository-policy --repository-name phi/app-v1 2>/dev/null
'

test_expect_success 'put-image-scanning-configuration and put-image-tag-mutability' '
	sbx_aws ecr put-image-scanning-configuration --repository-name phi/app-v1 \
	    --image-scanning-configuration scanOnPush=false --output json >out &&
	test_grep "\"scanOnPush\": false" out &&
	sbx_aws ecr put-image-tag-mutability --repository-name phi/app-v1 \
	    --image-tag-mutability MUTABLE --output json >out &&
	test_grep "\"imageTagMutability\": \"MUTABLE\"" out &&
	sbx_aws ecr describe-repositories --repository-names phi/app-v1 \
	    --query "repositories[0].[imageTagMutability,imageScanningConfiguration.scanOnPush]" \
	    --output text >out && test "$(cat out)" = "MUTABLE	False"
'

test_expect_success 'tag-resource, list-tags-for-resource, untag-resource' '
	arn=arn:aws:ecr:us-east-1:000000000000:repository/phi/app-v1 &&
	sbx_aws ecr tag-resource --resource-arn $arn --tags Key=phi,Value=yes Key=team,Value=ops &&
	sbx_aws ecr list-tags-for-resource --resource-arn $arn --output json >out &&
	test_grep "\"Key\": \"phi\"" out && test_grep "\"Value\": \"ops\"" out &&
	sbx_aws ecr untag-resource --resource-arn $arn --tag-keys phi &&
	sbx_aws ecr list-tags-for-resource --resource-arn $arn --output json >out &&
	test_grep_not "\"phi\"" out &&
	! sbx_aws ecr tag-resource --resource-arn not-an-arn --tags Key=a,Value=b 2>err &&
	test_grep "(InvalidParameterException)" err
'
stop_sandbox
test_done
