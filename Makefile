# dudao — build, run and test. `make run` and `make test` are the two commands a new
# developer needs; both install what is missing first (scripts/setup.sh).

CC       ?= cc
PKGS     := libmicrohttpd jansson zlib sqlite3 libpq libsodium libcrypto cairo pangocairo fontconfig libqrencode xlsxwriter libzip libxml-2.0 libxxhash
VERSION  := $(shell git describe --always --dirty 2>/dev/null || echo dev)
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
CFLAGS   ?= -O2 -g
# The pkg-config flags are read when a recipe runs, not when the Makefile is parsed: on a fresh
# machine the -dev packages arrive only with build/.setup, which every compile waits for.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
CFLAGS   += -std=gnu17 $(WARN) -Isrc -Ibuild/gen -DDUDAO_VERSION='"$(VERSION)"' -D_GNU_SOURCE $(PKG_CFLAGS)
LDLIBS   = $(shell pkg-config --libs $(PKGS)) -lpthread -lm
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC      := $(shell find src -name '*.c' | sort)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
# Data compiled into the binary: each set of files becomes build/gen/<set>.c holding the
# array <set> (scripts/embed.sh). A capability with built-in data adds one set here.
EMBED_SETS := migration_files balance_standard_files survey_standard_files demo_files
migration_files        := $(sort $(wildcard src/store/migrations/*.sql))
balance_standard_files := $(sort $(wildcard standards/balance/*.json))
survey_standard_files  := $(sort $(wildcard standards/surveys/*.json))
demo_files             := $(sort $(wildcard demo/*.json demo/*.csv demo/*.pdf))
GEN      := $(EMBED_SETS:%=build/gen/%.c)

OBJ      := $(LIB_SRC:%.c=build/obj/%.o) $(EMBED_SETS:%=build/obj/gen/%.o)
ASAN_OBJ := $(LIB_SRC:%.c=build/asan/obj/%.o) $(EMBED_SETS:%=build/asan/obj/gen/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%)
UNIT_ASAN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

.PHONY: all run test bench setup web clean format asan unit-bin

# Quiet by default ("CC file"); `make V=1` shows the commands.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n' $(1) $(2)
endif
.DEFAULT_GOAL := all

all: build/dudao web

# ---- set-up: apt and npm packages (a stamp keeps repeat runs fast) ----
build/.setup: scripts/setup.sh $(wildcard web/package-lock.json) $(wildcard package-lock.json)
	@mkdir -p build
	scripts/setup.sh
	@touch $@
setup: build/.setup

# ---- C ----
# migrations; the balance standards (thresholds, scope, split weights, prices); the built-in
# questionnaires; the demo (`dudao demo`, `make run`: demo/*.json and the roster files it imports)
.SECONDEXPANSION:
build/gen/%.c: $$($$*) scripts/embed.sh | build/.setup
	@mkdir -p $(dir $@)
	$(call say,GEN,$@)
	$(Q)scripts/embed.sh $* $($*) > $@
build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@
build/asan/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS) $(SAN) -MMD -MP -c $< -o $@
build/obj/%.o: %.c | $(GEN)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@
build/dudao: build/obj/src/main.o $(OBJ)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/asan/obj/%.o: %.c | $(GEN)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS) $(SAN) -MMD -MP -c $< -o $@
build/asan/dudao: build/asan/obj/src/main.o $(ASAN_OBJ)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)
asan: build/asan/dudao

# ---- tests ----
build/tests/%: tests/unit/%.c $(OBJ)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $< $(OBJ) $(LDLIBS) -lcmocka
build/asan/tests/%: tests/unit/%.c $(ASAN_OBJ)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(SAN) -o $@ $< $(ASAN_OBJ) $(LDLIBS) -lcmocka
STORE_TESTS := $(sort $(wildcard tests/store/*.c))
build/tests/store_suite: $(STORE_TESTS) tests/store/store_suite.h $(OBJ)
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) $(CFLAGS) -o $@ $(STORE_TESTS) $(OBJ) $(LDLIBS) -lcmocka
unit-bin: $(UNIT_BIN) $(UNIT_ASAN) build/tests/store_suite

# ---- fuzzing: libFuzzer harnesses (fuzz/fuzz_*.c) built with clang, ASan+UBSan ----
# `make fuzz` runs each FUZZ_SECONDS (60) on fuzz/corpus/NAME; `fuzz/run.sh 600 xlsx` by hand.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS   = $(filter-out -Werror -O2,$(CFLAGS)) -O1 $(FUZZ_SAN)
FUZZ_BIN     := $(patsubst fuzz/%.c,build/fuzz/%,$(sort $(wildcard fuzz/fuzz_*.c)))
FUZZ_OBJ     := $(LIB_SRC:%.c=build/fuzz/obj/%.o) $(EMBED_SETS:%=build/fuzz/obj/gen/%.o)
build/fuzz/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
build/fuzz/obj/%.o: %.c | $(GEN)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(FUZZ_OBJ)
	$(call say,LD,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS)
fuzz-bin: $(FUZZ_BIN)
fuzz: build/.setup $(FUZZ_BIN)
	fuzz/run.sh $(FUZZ_SECONDS)
.PHONY: fuzz fuzz-bin
.PRECIOUS: build/fuzz/obj/gen/%.o

# ---- web app ----
web: web/dist/index.html
WEB_SRC := $(shell find web/src web/index.html web/vite.config.* web/package.json -type f 2>/dev/null)
web/dist/index.html: $(WEB_SRC) | build/.setup
	@if [ -f web/package.json ]; then \
	  cd web && npm run build --silent && \
	  find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) \
	    -size +1k -exec gzip -9 -k -f {} \; ; \
	else mkdir -p web/dist && echo '<!doctype html><title>dudao</title>' > $@; fi

# ---- the two commands ----
run: build/.setup all
	@mkdir -p var
	@if [ ! -f var/dudao.db ]; then ./build/dudao demo --db sqlite:var/dudao.db --data var/data; fi
	@echo ""
	@echo "  dudao 教育督导平台: http://localhost:8080"
	@echo "  演示账号 / demo logins (password Dudao@2026):"
	@echo "    admin (市督导室管理员)  admin_dq (县管理员)  inspector (督学)  school (学校)  leader (领导)  auditor (审计员)"
	@echo "    unit_qy (乾元镇政府, 被督导单位: its 督政 findings)  other towns: unit_wk unit_wy unit_fx unit_xs unit_zg unit_yy unit_mgs"
	@echo ""
	./build/dudao serve --db sqlite:var/dudao.db --data var/data --listen 0.0.0.0:8080 --web web/dist

# The PostgreSQL suites are part of every run: the server packages are installed here too
# (`make run` does not need them).
test: build/.setup all build/asan/dudao unit-bin
	@DUDAO_WITH_PG=1 scripts/setup.sh
	scripts/test-all.sh

bench: build/.setup all
	scripts/setup-bench.sh
	bench/compare.sh   # dudao against the Node peer and nginx (issue 16)
	bench/run.sh
	bench/import.sh
	bench/balance.sh
	node bench/visits.mjs 30
	node bench/surveys.mjs 10000 100000   # 10,000 concurrent answers; the report over 100,000
	node bench/verdict.mjs 100 200   # the whole 均衡 verdict of a province: 100 counties, 20,000 schools, 2 monitoring cycles
	node bench/soak.mjs $${SOAK_SECONDS:-3600} 60   # one hour of steady mixed load: RSS growth, errors, p99 per 10 min
	BENCH_FINDINGS=$${BENCH_FINDINGS:-100000} bench/findings.sh   # 1,000,000 with BENCH_FINDINGS=1000000

format:
	clang-format -i $(SRC) $(wildcard src/*/*.h) $(wildcard tests/*/*.c)

clean:
	rm -rf build web/dist

-include $(shell find build -name '*.d' 2>/dev/null)
