// SPDX-License-Identifier: GPL-2.0
/* The block device pseudo file system: the inode here is a block device's (set_blocksize). */
#include <linux/fs.h>

void tiny_set_bdev_size(struct inode *bd_inode)
{
	inode_lock(bd_inode);
	inode_unlock(bd_inode);
}
