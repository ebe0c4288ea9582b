# aws/protocol.mk: service models, XML, the four AWS protocols.
aws_libaws_a_SOURCES += \
	aws/model.h \
	aws/model-arena.c \
	aws/model-build.c \
	aws/model-load.c \
	aws/model-lookup.c \
	aws/model-names.c \
	aws/model-validate.c \
	aws/protocol-checksum.c \
	aws/protocol-compress.c \
	aws/protocol-error.c \
	aws/protocol-int.h \
	aws/protocol-json-body.c \
	aws/protocol-json.c \
	aws/protocol-jsontext.c \
	aws/protocol-query.c \
	aws/protocol-rest-json.c \
	aws/protocol-rest-xml.c \
	aws/protocol-rest.c \
	aws/protocol-s3.c \
	aws/protocol-time.c \
	aws/protocol-value.c \
	aws/protocol-xml-body.c \
	aws/protocol.c \
	aws/protocol.h \
	aws/xml.c

# Number formatting and timestamps use libm.
HS_AWS_LIBS += -lm
HS_AWS_TEST_LIBS += -lm

# Where the models are found when nothing in the environment says.
aws_libaws_a_CFLAGS += -DHS_BOTOCORE_DATA='"$(BOTOCORE_DATA)"'

# The models the shell needs, copied from botocore's data folder into the
# build tree (models/SERVICE/VERSION/..., newest version only, as botocore
# picks it) and installed into $(pkgdatadir)/models. Other services are
# read from the botocore data folder itself at run time.
HS_MODEL_SERVICES = s3 iam lambda ecr sts logs kms cloudformation ecs ec2
HS_MODEL_DATA_FILES = endpoints.json partitions.json _retry.json \
	sdk-default-configuration.json

BUILT_SOURCES += models/.stamp

models/.stamp: $(top_builddir)/config.status
	$(AM_V_GEN)rm -rf models.tmp && $(MKDIR_P) models.tmp && \
	for f in $(HS_MODEL_DATA_FILES); do \
	  if test -f '$(BOTOCORE_DATA)'/$$f; then \
	    cp '$(BOTOCORE_DATA)'/$$f models.tmp/ || exit 1; \
	  fi; \
	done && \
	for svc in $(HS_MODEL_SERVICES); do \
	  ver=`ls '$(BOTOCORE_DATA)'/$$svc | LC_ALL=C sort | tail -n 1`; \
	  test -n "$$ver" || { echo "no botocore model for $$svc in $(BOTOCORE_DATA)" >&2; exit 1; }; \
	  $(MKDIR_P) models.tmp/$$svc/$$ver || exit 1; \
	  for f in '$(BOTOCORE_DATA)'/$$svc/$$ver/*; do \
	    case $$f in */examples-1.json) continue;; esac; \
	    cp "$$f" models.tmp/$$svc/$$ver/ || exit 1; \
	  done; \
	done && \
	touch models.tmp/.stamp && rm -rf models && mv models.tmp models

install-data-local: models/.stamp
	$(MKDIR_P) '$(DESTDIR)$(pkgdatadir)/models'
	cd models && for f in `find . -type f ! -name .stamp`; do \
	  $(MKDIR_P) "$(DESTDIR)$(pkgdatadir)/models/`dirname $$f`" && \
	  $(INSTALL_DATA) "$$f" "$(DESTDIR)$(pkgdatadir)/models/$$f" || exit 1; \
	done

uninstall-local:
	rm -rf '$(DESTDIR)$(pkgdatadir)/models'

clean-local: clean-models
clean-models:
	rm -rf models models.tmp
.PHONY: clean-models

# tests/protocol-vector input|output FILE.json: botocore's protocol suites.
check_PROGRAMS += tests/protocol-vector
tests_protocol_vector_SOURCES = tests/protocol-vector.c
tests_protocol_vector_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/aws \
	-DHS_UNIT_TESTS
tests_protocol_vector_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_protocol_vector_LDADD = $(HS_AWS_TEST_LIBS)
TESTS += tests/t0300-protocol-vectors.sh
EXTRA_DIST += tests/t0300-protocol-vectors.sh

# Client and server sides against each other over the real models.
check_PROGRAMS += tests/unit/test-protocol-roundtrip
TESTS += tests/unit/test-protocol-roundtrip
tests_unit_test_protocol_roundtrip_SOURCES = \
	tests/unit/test-protocol-roundtrip.c tests/protocol-gen.c \
	tests/protocol-gen.h
tests_unit_test_protocol_roundtrip_CPPFLAGS = $(HS_UNIT_CPPFLAGS) \
	-I$(top_srcdir)/aws -I$(top_srcdir)/tests
tests_unit_test_protocol_roundtrip_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_protocol_roundtrip_LDADD = $(HS_UNIT_LDADD) \
	$(HS_AWS_TEST_LIBS)

# tests/model-dump: what the models give the CLI, for t0301.
check_PROGRAMS += tests/model-dump
tests_model_dump_SOURCES = tests/model-dump.c tests/protocol-gen.c \
	tests/protocol-gen.h
tests_model_dump_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/aws \
	-I$(top_srcdir)/tests -DHS_UNIT_TESTS
tests_model_dump_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_model_dump_LDADD = $(HS_AWS_TEST_LIBS)
TESTS += tests/t0301-model-names.sh
EXTRA_DIST += tests/t0301-model-names.sh

check_PROGRAMS += tests/unit/test-model
TESTS += tests/unit/test-model
tests_unit_test_model_SOURCES = tests/unit/test-model.c
tests_unit_test_model_CPPFLAGS = $(HS_UNIT_CPPFLAGS) -I$(top_srcdir)/aws
tests_unit_test_model_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_model_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)

check_PROGRAMS += tests/unit/test-protocol-value
TESTS += tests/unit/test-protocol-value
tests_unit_test_protocol_value_SOURCES = tests/unit/test-protocol-value.c
tests_unit_test_protocol_value_CPPFLAGS = $(HS_UNIT_CPPFLAGS) \
	-I$(top_srcdir)/aws
tests_unit_test_protocol_value_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_protocol_value_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)

check_PROGRAMS += tests/unit/test-protocol
TESTS += tests/unit/test-protocol
tests_unit_test_protocol_SOURCES = tests/unit/test-protocol.c
tests_unit_test_protocol_CPPFLAGS = $(HS_UNIT_CPPFLAGS) -I$(top_srcdir)/aws
tests_unit_test_protocol_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_protocol_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)
TESTS += tests/t0302-model-files.sh
EXTRA_DIST += tests/t0302-model-files.sh

# bench/bench-model: model load times and protocol throughput (not a
# test: performance targets live in bench/, run it by hand).
check_PROGRAMS += bench/bench-model
bench_bench_model_SOURCES = bench/bench-model.c
bench_bench_model_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/aws
bench_bench_model_CFLAGS = $(HS_AWS_TEST_CFLAGS)
bench_bench_model_LDADD = $(HS_AWS_LIBS)
TESTS += tests/t0303-protocol-botocore.sh
EXTRA_DIST += tests/t0303-protocol-botocore.sh

# Request compression (requestcompression trait) end to end, dry run.
TESTS += tests/t0270-request-compression.sh
EXTRA_DIST += tests/t0270-request-compression.sh
TESTS += tests/t0271-request-compression-peer.sh
EXTRA_DIST += tests/t0271-request-compression-peer.sh
TESTS += tests/t0272-debug-no-secrets.sh
EXTRA_DIST += tests/t0272-debug-no-secrets.sh
TESTS += tests/t0273-tls-verify.sh
EXTRA_DIST += tests/t0273-tls-verify.sh
