#include <glusterfs/api/glfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
int main(int c,char**v){ glfs_t*fs=glfs_new(v[3]); glfs_set_volfile_server(fs,"tcp",v[1],atoi(v[2])); glfs_set_logging(fs,"/dev/null",7); glfs_init(fs);
 struct stat s; for(int i=4;i<c;i++){ int r=glfs_stat(fs,v[i],&s); printf("%s: r=%d size=%lld blocks=%lld blksize=%ld\n",v[i],r,(long long)s.st_size,(long long)s.st_blocks,(long)s.st_blksize);} return 0; }
