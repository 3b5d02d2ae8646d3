# Offline news reader for e-ink devices: host tools, device core, tests.
#
#   make            build/newspack, build/newsview, build/newsreader
#   make BOARD=kobo-clara-hd [dist]   the device program cross-built (docs/DEVICES.md)
#   make demo       install missing packages (if it can), pack the samples, list them
#   make check      every test, plain and under ASan+UBSan; ends "N passed, N failed"
#   make bench      compression and speed figures
#   make fuzz       libFuzzer runs: bundle reader, device core, pages, feeds (FUZZ_SECONDS each)
#   make eval-extract  page extraction quality on ../shared/corpus/readability-dev
#   make install    PREFIX=/usr/local DESTDIR=
#
# Honoured: CC CFLAGS LDFLAGS CPPFLAGS PREFIX DESTDIR CROSS_COMPILE BOARD STATIC V=1 BUILD

PREFIX ?= /usr/local
VERSION := $(shell sed -n "s/^#define NEWSPACK_VERSION \"\(.*\)\"/\1/p" src/cmd/newspack.h)
BINDIR ?= $(PREFIX)/bin
DOCDIR ?= $(PREFIX)/share/doc/newsreader
# make BOARD=<name>: newsreader for that device, in build/<name>/, built
# with the toolchain its board file names (.link.cross) unless
# CROSS_COMPILE says otherwise.  The target's FreeType and zlib come from
# Debian's packages unpacked into build/sysroot/<triplet>
# (tools/cross-sysroot.sh); STATIC=1, the default for boards, links them
# and the C library in, since e-readers ship old C libraries.
BOARD ?=
ifneq ($(BOARD),)
ifeq ($(wildcard boards/$(BOARD).c),)
$(error BOARD=$(BOARD): there is no boards/$(BOARD).c (build/newsview --list-boards lists the boards))
endif
# the board file and the board headers it includes (a shared wiring)
BOARD_FILES := boards/$(BOARD).c $(addprefix boards/,$(shell sed -n 's/^\#include "\([^/"]*\.h\)"/\1/p' boards/$(BOARD).c))
BOARD_CROSS := $(firstword $(shell sed -n 's/.*\.cross = "\([^"]*\)".*/\1/p' $(BOARD_FILES)))
ifeq ($(origin CROSS_COMPILE),undefined)
CROSS_COMPILE := $(BOARD_CROSS)
endif
# the SoC's own flags (.cpu_flags), with the board's toolchain only
ifeq ($(CROSS_COMPILE),$(BOARD_CROSS))
BOARD_CPU_FLAGS := $(firstword $(shell sed -n 's/.*\.cpu_flags = "\([^"]*\)".*/\1/p' $(BOARD_FILES)))
endif
BUILD ?= build/$(BOARD)
STATIC ?= 1
endif
BUILD ?= build
CROSS_COMPILE ?=
STATIC ?= 0
ifeq ($(origin CC),default)
CC := $(if $(CROSS_COMPILE),$(CROSS_COMPILE)gcc,cc)
endif
ifneq ($(CROSS_COMPILE),)
TRIPLET := $(patsubst %-,%,$(CROSS_COMPILE))
SYSROOT := build/sysroot/$(TRIPLET)
SYSROOT_READY := $(SYSROOT)/.ready
PKG_CONFIG ?= PKG_CONFIG_SYSROOT_DIR=$(abspath $(SYSROOT)) \
              PKG_CONFIG_LIBDIR=$(abspath $(SYSROOT))/usr/lib/$(TRIPLET)/pkgconfig pkg-config
else
PKG_CONFIG ?= pkg-config
endif
# Loops aligned to 32 bytes: the glyph blitters' row loops are a few
# instructions, and where the linker happens to place them moved a page's
# drawing time by 7 % between builds of the same source (make bench).
CFLAGS ?= -O2 -g -falign-loops=32
SANITIZE ?=
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang

ifeq ($(V),1)
Q :=
else
Q := @
endif

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wformat=2 -Wno-format-nonliteral
ifeq ($(CROSS_COMPILE),)
PKGS := zlib md4c freetype2 libpng libjpeg libunibreak libxml-2.0 jansson
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null || echo -lz -lmd4c)
else
# A device build needs only the core's libraries; asked for when a recipe
# runs, after the sysroot exists.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags freetype2 zlib)
endif
DEVICE_LIBS = $(shell $(PKG_CONFIG) $(if $(filter 1,$(STATIC)),--static) --libs freetype2 zlib) -lm \
              $(if $(SYSROOT),-Wl$(comma)-rpath-link$(comma)$(abspath $(SYSROOT))/usr/lib/$(TRIPLET))
comma := ,
# Zopfli and libhyphen (Debian libzopfli-dev, libhyphen-dev) ship no
# pkg-config file.
HOST_LIBS := $(PKG_LIBS) -lzopfli -lhyphen
ifneq ($(SANITIZE),)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
# The simulator window is optional: without SDL2 newsview says how to get it.
ifeq ($(CROSS_COMPILE),)
SDL_CFLAGS := $(shell $(PKG_CONFIG) --cflags sdl2 2>/dev/null)
SDL_LIBS := $(shell $(PKG_CONFIG) --libs sdl2 2>/dev/null)
endif
WINDOW_SRC := $(if $(SDL_LIBS),src/cmd/window_sdl.c,src/cmd/window_none.c)
ALL_CFLAGS = -std=c11 $(WARNINGS) $(PKG_CFLAGS) $(SAN_FLAGS) $(BOARD_CPU_FLAGS) $(CFLAGS)
DATADIR ?= $(PREFIX)/share/newsreader
ALL_CPPFLAGS := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DFONTDIR='"$(DATADIR)/fonts"' \
                $(CPPFLAGS)
ALL_LDFLAGS := $(SAN_FLAGS) $(LDFLAGS)

# Device core: portable C, no stdio, no allocation after init.
CORE_SRC := src/core/utf8.c src/core/arena.c src/text/nws_text.c src/text/breaks.c src/text/scripts.c \
            src/bundle/nwsb_reader.c src/bundle/nwsb_record.c src/bundle/nwsb_image.c src/bundle/nwsb_dict_news.c \
            src/board/board.c $(sort $(wildcard boards/*.c)) src/fb/fb.c src/fb/pack.c \
            src/font/font.c src/font/kernset.c src/font/raster.c src/layout/items.c src/layout/linebreak.c src/layout/breakmemo.c \
            src/layout/paginate.c \
            src/layout/decorate.c src/layout/book.c src/render/render.c src/render/gamma_table.c \
            src/render/picture.c src/reader/reader.c src/reader/state.c src/reader/refresh.c src/reader/setup.c \
            src/panel/panel.c src/panel/uc8179.c src/panel/ssd16xx.c
# Host code: parsing inputs and writing bundles.
# The reader application on POSIX: a bundle file mapped, the core set up
# in one arena, keys turned into screens and refreshes, the position
# saved.  Shared by the simulator and the Linux devices; links only the
# core's libraries (FreeType, zlib).
APP_SRC := src/app/buf.c src/app/diag.c src/app/mapfile.c src/app/bundle_file.c src/app/view.c \
           src/app/session.c
HOST_SRC := src/host/article.c src/host/dates.c \
            src/host/input.c src/host/parse_text.c src/host/parse_markdown.c \
            src/host/entities.c src/host/entities_table.c src/host/bundle_writer.c \
            src/host/atomic_file.c \
            src/host/png_write.c src/host/linebreaks.c src/host/charset.c \
            src/host/html_doc.c src/host/html_blocks.c src/host/html_meta.c \
            src/host/readability.c src/host/readability_util.c src/host/readability_clean.c \
            src/host/parse_html.c src/host/feed_model.c src/host/feed_xml.c \
            src/host/feed_json.c src/host/parse_feed.c \
            src/host/select.c src/host/script_detect.c src/host/hyphenate.c \
            src/host/lang_guess.c src/host/image_load.c src/host/html_images.c \
            src/host/bundle_images.c
# The Linux device program: display and input backends over an nws_sys,
# and the loop that joins them to a reading session.
DEVICE_SRC := $(sort $(wildcard src/platform/*.c)) src/app/device.c
NEWSPACK_SRC := src/cmd/newspack.c src/cmd/newspack_build.c src/cmd/newspack_inspect.c \
                src/cmd/newspack_check.c
UNIT_SRC := $(wildcard tests/unit/*.c)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
CORE_OBJ := $(call obj,$(CORE_SRC))
HOST_OBJ := $(call obj,$(HOST_SRC) $(APP_SRC))
APP_OBJ := $(call obj,$(APP_SRC))

# A microcontroller board builds firmware instead (src/mcu/firmware.mk).
MCU_BUILD := $(if $(BOARD),$(shell grep -q NWS_LINK_MCU boards/$(BOARD).c && echo 1))
ifeq ($(MCU_BUILD),1)
include src/mcu/firmware.mk
else

.PHONY: all dist demo check valgrind test-programs bench fuzz eval-extract install uninstall clean deps dict
ifeq ($(BOARD),)
all: $(BUILD)/newspack $(BUILD)/newsview $(BUILD)/newsreader
else
all: $(BUILD)/newsreader
	@echo "$(BUILD)/newsreader: $$(file -b $(BUILD)/newsreader 2>/dev/null | cut -d, -f1-2), $$(stat -c %s $(BUILD)/newsreader) bytes"
endif

$(BUILD)/obj/%.o: %.c | $(SYSROOT_READY)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/newspack: $(call obj,$(NEWSPACK_SRC)) $(HOST_OBJ) $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(HOST_LIBS)

$(BUILD)/newsview: $(call obj,src/cmd/newsview.c src/cmd/newsview_read.c $(WINDOW_SRC)) $(HOST_OBJ) \
                   $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(HOST_LIBS) $(SDL_LIBS)

$(BUILD)/obj/src/app/device.o: ALL_CPPFLAGS += -DNWS_DEVICE_BOARD='"$(or $(BOARD),kobo-clara-hd)"' \
                                -DNWS_VERSION='"$(VERSION)"'

$(BUILD)/newsreader: $(call obj,src/cmd/newsreader.c $(DEVICE_SRC)) $(APP_OBJ) $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) $(if $(filter 1,$(STATIC)),-static) -o $@ $^ $(DEVICE_LIBS)

ifneq ($(SYSROOT),)
$(SYSROOT_READY):
	@tools/cross-sysroot.sh $(TRIPLET) $(SYSROOT)
endif

# A tarball for the device; the sample bundle is packed by the host's
# newspack, built in build/.
dist: $(BUILD)/newsreader
	@test -n "$(BOARD)" || { echo "make dist: say which device, e.g. make BOARD=kobo-clara-hd dist"; exit 2; }
	$(Q)$(MAKE) --no-print-directory BOARD= CROSS_COMPILE= BUILD=build build/newspack
	@tools/dist.sh $(BOARD) $(BUILD) "$(CROSS_COMPILE)" build/newspack

$(BUILD)/obj/src/cmd/window_sdl.o: src/cmd/window_sdl.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SDL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/unit-tests: $(call obj,$(UNIT_SRC) tests/emu/ctrl.c) $(HOST_OBJ) $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(HOST_LIBS)

$(BUILD)/bench-read: $(call obj,tests/bench/bench_read.c) $(HOST_OBJ) $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(HOST_LIBS)

deps:
	@tools/install-deps.sh build

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	@tools/demo.sh $(BUILD)

# The test programs of one build (BUILD, SANITIZE select which).
test-programs: $(BUILD)/newspack $(BUILD)/newsview $(BUILD)/unit-tests $(BUILD)/pnginfo $(BUILD)/mkimages \
               $(BUILD)/feeddump $(BUILD)/xwdcmp $(BUILD)/newsreader $(BUILD)/devemu $(BUILD)/imgcmp \
               $(BUILD)/native2pgm

$(BUILD)/native2pgm: $(call obj,tests/tools/native2pgm.c) $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/imgcmp: $(call obj,tests/tools/imgcmp.c)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

# newsreader's device code against an emulated kernel (tests/emu/); links
# only what newsreader links, so it also cross-builds for qemu-arm runs.
EMU_SRC := $(sort $(wildcard tests/emu/*.c))
$(BUILD)/devemu: $(call obj,$(EMU_SRC) $(DEVICE_SRC)) $(APP_OBJ) $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) $(if $(filter 1,$(STATIC)),-static) -o $@ $^ $(DEVICE_LIBS)

$(BUILD)/xwdcmp: $(call obj,tests/tools/xwdcmp.c)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/feeddump: $(call obj,tests/tools/feeddump.c) $(HOST_OBJ) $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(HOST_LIBS)

$(BUILD)/mkimages: $(call obj,tests/tools/mkimages.c)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(BUILD)/pnginfo: $(call obj,tests/tools/pnginfo.c)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(HOST_LIBS)

# Every suite against the plain build, then again under ASan+UBSan.
check:
	@tools/install-deps.sh test
	@MAKE="$(MAKE)" tests/check.sh

valgrind: $(BUILD)/newspack $(BUILD)/unit-tests $(BUILD)/mkimages
	valgrind -q --error-exitcode=99 --leak-check=full --suppressions=tests/valgrind.supp \
	    $(BUILD)/unit-tests

$(BUILD)/bench-render: $(call obj,tests/bench/bench_render.c) $(HOST_OBJ) $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(HOST_LIBS)

$(BUILD)/bench-reader: $(call obj,tests/bench/bench_reader.c) $(HOST_OBJ) $(CORE_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(HOST_LIBS)

bench: $(BUILD)/newspack $(BUILD)/newsview $(BUILD)/bench-read $(BUILD)/bench-render $(BUILD)/mkimages \
       $(BUILD)/bench-reader
	@tools/install-deps.sh bench
	@tools/bench.sh $(BUILD)

eval-extract: $(BUILD)/newspack
	@tools/install-deps.sh test
	@python3 tools/eval_extract.py $(BUILD)/newspack ../shared/corpus/readability-dev

fuzz:
	@tools/fuzz.sh $(FUZZ_CC) $(FUZZ_SECONDS) $(BUILD)

dict: $(BUILD)/newspack
	tools/gen_dict.sh $(BUILD)

install: $(BUILD)/newspack $(BUILD)/newsview $(BUILD)/newsreader
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)/fonts
	install -m 755 $(BUILD)/newspack $(BUILD)/newsview $(BUILD)/newsreader $(DESTDIR)$(BINDIR)/
	install -m 644 fonts/*.ttf fonts/*-COPYRIGHT $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 README.md docs/FORMAT.md docs/ARCHITECTURE.md docs/NEWSPACK.md docs/NEWSVIEW.md docs/DEVICES.md \
		$(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/newspack $(DESTDIR)$(BINDIR)/newsview $(DESTDIR)$(BINDIR)/newsreader
	rm -rf $(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(BUILD) build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
endif
