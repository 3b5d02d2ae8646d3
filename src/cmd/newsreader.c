/* newsreader -- the reader on a Linux e-reader or a Raspberry Pi. */
#include "../app/device.h"

int main(int argc, char **argv)
{
    return device_main(argc, argv, &nws_sys_linux);
}
