#define _GNU_SOURCE
#include <glusterfs/api/glfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
int main(int c,char**v){ glfs_t*fs=glfs_new(v[3]); glfs_set_volfile_server(fs,"tcp",v[1],atoi(v[2])); glfs_set_logging(fs,"/dev/null",7); glfs_init(fs);
 char d[64],a[128],b[128]; snprintf(d,64,"/crash-%d",getpid()); glfs_mkdir(fs,d,0755); snprintf(a,128,"%s/a",d);
 glfs_fd_t*f=glfs_creat(fs,a,O_RDWR,0644); glfs_close(f); int m=atoi(v[4]); long r=0;
 printf("mode %d: ",m); fflush(stdout);
 switch(m){
 case 1: snprintf(b,128,"%s/nodir/x",d); r=glfs_rename(fs,a,b); break;
 case 2: snprintf(b,128,"%s/a/x",d); r=glfs_rename(fs,a,b); break;
 case 3: r=glfs_rename(fs,a,""); break;
 case 4: r=glfs_utimens(fs,a,NULL); break;
 case 5: r=glfs_lutimens(fs,a,NULL); break;
 case 6: { glfs_fd_t*f=glfs_open(fs,a,O_RDWR); r=glfs_futimens(f,NULL);} break;
 case 7: snprintf(b,128,"%s/nodir/x",d); r=glfs_link(fs,a,b); break;
 case 8: snprintf(b,128,"%s/nodir/x",d); r=glfs_rename(fs,"/nonexist",b); break;
 }
 printf("returned %ld errno %s\n",r,strerrorname_np(errno)); glfs_fini(fs); }
