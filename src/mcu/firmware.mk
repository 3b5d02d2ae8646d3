# firmware.mk -- make BOARD=<microcontroller board>: the reader as
# bare-metal firmware (included by the Makefile when the board's link is
# NWS_LINK_MCU).
#
#   make BOARD=qemu-mps2-an500          build/<board>/firmware.elf and .bin
#   make BOARD=qemu-mps2-an500 check    boot it in qemu-system-arm, compare every page with newsview
#   make BOARD=qemu-mps2-an500 size     flash and RAM by section
#
# FreeType and zlib are compiled from Debian's source packages
# (tools/mcu-sources.sh into build/mcu-src, or FREETYPE_SRC/ZLIB_SRC) with
# the options in src/mcu/freetype/.  Nothing from them is committed.

MCU := $(shell sed -n 's/.*\.mcu = "\([^"]*\)".*/\1/p' boards/$(BOARD).c)
MCU_RAM_KB := $(shell sed -n 's/.*\.mcu_ram = \([0-9]*\) \* 1024.*/\1/p' boards/$(BOARD).c)
# The bundle in flash is packed for the board's deflate window.
MCU_WINDOW_BITS := $(or $(shell sed -n 's/.*\.mcu_window_bits = \([0-9]*\).*/\1/p' boards/$(BOARD).c),15)
MCU_WINDOW := $(or $(FW_WINDOW),$(shell echo $$((1 << $(MCU_WINDOW_BITS)))))
MCU_SRC_DIR ?= build/mcu-src
FT_DIR := $(MCU_SRC_DIR)/freetype
Z_DIR := $(MCU_SRC_DIR)/zlib
OBJCOPY := $(CROSS_COMPILE)objcopy
SIZE := $(CROSS_COMPILE)size
ARCH_FLAGS := -mcpu=cortex-m7 -mthumb -mfloat-abi=soft
FW_WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
               -Wpointer-arith
FW_CFLAGS := -std=c11 -Os -g -flto -ffunction-sections -fdata-sections $(ARCH_FLAGS)
# FW_ARENA_KB and FW_WINDOW (bytes) override the board's arena and the
# sample bundle's window: tools/mcu-check.sh builds such variants to see
# each memory limit end the run with its own code.
FW_CPPFLAGS := -DNWS_DEVICE_BOARD='"$(BOARD)"' -DZ_SOLO -DFT2_BUILD_LIBRARY \
               $(if $(FW_ARENA_KB),-DNWS_FW_ARENA_BYTES=$(FW_ARENA_KB)*1024u) \
               '-DFT_CONFIG_OPTIONS_H=<ftoption.h>' '-DFT_CONFIG_MODULES_H=<ftmodule.h>' \
               -Isrc/mcu/freetype -I$(FT_DIR)/include -I$(Z_DIR)

FT_FILES := src/base/ftinit.c src/base/ftdebug.c src/base/ftbase.c src/sfnt/sfnt.c \
            src/truetype/truetype.c src/raster/raster.c
Z_FILES := inflate.c inftrees.c inffast.c crc32.c adler32.c zutil.c
THIRD_OBJ := $(patsubst %.c,$(BUILD)/obj/freetype/%.o,$(FT_FILES)) \
             $(patsubst %.c,$(BUILD)/obj/zlib/%.o,$(Z_FILES))
FW_SRC := $(CORE_SRC) src/mcu/firmware.c src/mcu/freetype/ftsystem.c \
          $(sort $(wildcard src/mcu/cortex-m7/*.c src/mcu/$(MCU)/*.c))
FW_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(FW_SRC)) $(BUILD)/obj/src/mcu/blobs.o $(THIRD_OBJ)
FW_BUNDLE := $(BUILD)/sample.nwsb

.PHONY: all check size clean
all: $(BUILD)/firmware.elf $(BUILD)/firmware.bin
	@echo "$(BUILD)/firmware.elf: $(BOARD), $(MCU), RAM $(MCU_RAM_KB) KiB"

$(MCU_SRC_DIR)/.ready:
	@tools/mcu-sources.sh $(MCU_SRC_DIR)

# FreeType's options are ours: a change to them rebuilds it.
FT_CONFIG := src/mcu/freetype/ftoption.h src/mcu/freetype/ftmodule.h src/mcu/firmware.mk

$(BUILD)/obj/freetype/%.o: $(MCU_SRC_DIR)/.ready $(FT_CONFIG)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $(FT_DIR)/$*.c")
	$(Q)$(CC) $(FW_CPPFLAGS) $(FW_CFLAGS) -c $(FT_DIR)/$*.c -o $@

$(BUILD)/obj/zlib/%.o: $(MCU_SRC_DIR)/.ready src/mcu/firmware.mk
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $(Z_DIR)/$*.c")
	$(Q)$(CC) $(FW_CPPFLAGS) $(FW_CFLAGS) -c $(Z_DIR)/$*.c -o $@

# The flags live here: a change to them rebuilds everything.
$(BUILD)/obj/%.o: %.c src/mcu/firmware.mk | $(MCU_SRC_DIR)/.ready
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(FW_CPPFLAGS) $(FW_CFLAGS) $(FW_WARNINGS) -MMD -MP -c $< -o $@

# The sample bundle, packed by the host's newspack (built in build/).
# FW_INPUTS: what to pack instead of the samples (your own edition:
# files or folders, as newspack build takes them).  A change to the inputs
# or the window repacks the bundle.
FW_INPUTS ?= docs/samples
FW_BUNDLE_KEY := $(FW_INPUTS) --window $(MCU_WINDOW)
$(shell mkdir -p $(BUILD) && (echo '$(FW_BUNDLE_KEY)' | cmp -s - $(BUILD)/bundle.inputs || \
    echo '$(FW_BUNDLE_KEY)' >$(BUILD)/bundle.inputs))
$(FW_BUNDLE): $(BUILD)/bundle.inputs $(shell find $(FW_INPUTS) -type f 2>/dev/null) boards/$(BOARD).c
	$(Q)$(MAKE) --no-print-directory BOARD= CROSS_COMPILE= BUILD=build build/newspack
	@mkdir -p $(BUILD)
	$(Q)build/newspack build -q --window $(MCU_WINDOW) -o $@ $(FW_INPUTS)

$(BUILD)/obj/src/mcu/blobs.o: src/mcu/blobs.S $(FW_BUNDLE) $(wildcard fonts/*.ttf)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(ARCH_FLAGS) -DNWS_FW_BUNDLE_PATH='"$(FW_BUNDLE)"' \
	    -DNWS_FW_FONT_REGULAR='"fonts/LiberationSerif-Regular.ttf"' \
	    -DNWS_FW_FONT_ITALIC='"fonts/LiberationSerif-Italic.ttf"' \
	    -DNWS_FW_FONT_BOLD='"fonts/LiberationSerif-Bold.ttf"' \
	    -DNWS_FW_FONT_BOLD_ITALIC='"fonts/LiberationSerif-BoldItalic.ttf"' -c $< -o $@

# No malloc anywhere: newlib's allocator needs _sbrk, which nothing
# provides, so pulling it in fails the link.
$(BUILD)/firmware.elf: $(FW_OBJ) src/mcu/$(MCU)/link.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ARCH_FLAGS) -Os -flto=auto -nostartfiles --specs=nano.specs -T src/mcu/$(MCU)/link.ld \
	    -Wl,--defsym=NWS_RAM_SIZE=$(MCU_RAM_KB)K -Wl,--gc-sections \
	    -Wl,-Map=$(BUILD)/firmware.map -o $@ $(FW_OBJ) -lm

$(BUILD)/firmware.bin: $(BUILD)/firmware.elf
	$(Q)$(OBJCOPY) -O binary $< $@

check: $(BUILD)/firmware.elf
	@tools/install-deps.sh mcu
	@tools/mcu-check.sh $(BOARD) $(BUILD)

size: $(BUILD)/firmware.elf
	@tools/mcu-size.sh $(BOARD) $(BUILD) $(CROSS_COMPILE)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
