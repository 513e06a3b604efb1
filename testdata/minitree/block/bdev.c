// SPDX-License-Identifier: GPL-2.0
/* The block device pseudo file system: the inode here is a block device's (set_blocksize). */
#include <linux/fs.h>

void tiny_set_bdev_size(struct inode *bd_inode)
{
	inode_lock(bd_inode);
	inode_unlock(bd_inode);
}

/* A static function that shares its name with one in fs/joinfs.c (as drivers/acpi/ec.c's
 * start_transaction does with btrfs'): it calls nothing of that file's. */
static void join_start(void)
{
}

void tiny_bdev_start(void)
{
	join_start();
}
