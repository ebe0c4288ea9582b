#!/bin/sh
# t0410-op-ecr-logs.sh: ECR and CloudWatch Logs (the json protocol)
# through hipaa-shell and through the AWS CLI, each against its own
# moto_server, output compared as JSON.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/lib-moto.sh"

moto_start hs
moto_start cli

cat >"$TEST_TMP/manifest.json" <<'JSON'
{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32654,"digest":"sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f"}]}
JSON
# Log events must be recent for CloudWatch Logs (and moto) to take them.
now=$(($(date +%s) * 1000))

both 'ecr create-repository' \
    'ecr create-repository --repository-name phi/app --image-scanning-configuration scanOnPush=true --tags Key=env,Value=test'
both 'ecr create-repository (another)' 'ecr create-repository --repository-name tools'
both 'ecr describe-repositories (paginated)' 'ecr describe-repositories'
both 'ecr describe-repositories --repository-names' \
    'ecr describe-repositories --repository-names tools'
both 'ecr put-image (file:// manifest)' \
    'ecr put-image --repository-name phi/app --image-manifest file://manifest.json --image-tag v1'
both 'ecr list-images' 'ecr list-images --repository-name phi/app'
both 'ecr list-images --filter (shorthand)' \
    'ecr list-images --repository-name phi/app --filter tagStatus=TAGGED'
both 'ecr describe-repositories of a missing one: exit 254' \
    'ecr describe-repositories --repository-names nope'
both 'ecr delete-repository --force' \
    'ecr delete-repository --repository-name phi/app --force'
both 'ecr delete-repository' 'ecr delete-repository --repository-name tools'

both 'logs create-log-group' 'logs create-log-group --log-group-name /phi/app --tags env=test'
both 'logs create-log-stream' \
    'logs create-log-stream --log-group-name /phi/app --log-stream-name web-1'
both 'logs put-log-events (shorthand list)' \
    "logs put-log-events --log-group-name /phi/app --log-stream-name web-1 --log-events timestamp=$now,message=started timestamp=$((now + 1)),message='request 42'"
both 'logs put-log-events (JSON list)' \
    "logs put-log-events --log-group-name /phi/app --log-stream-name web-1 --log-events '[{\"timestamp\": $((now + 2)), \"message\": \"done\"}]'"
both 'logs filter-log-events' 'logs filter-log-events --log-group-name /phi/app'
both 'logs filter-log-events --filter-pattern' \
    'logs filter-log-events --log-group-name /phi/app --filter-pattern request'
both 'logs describe-log-groups' 'logs describe-log-groups'
both 'logs filter-log-events of a missing group: exit 254' \
    'logs filter-log-events --log-group-name /nope'
test_done
