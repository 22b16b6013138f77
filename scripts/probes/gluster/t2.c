#define _GNU_SOURCE
#include <glusterfs/api/glfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
static const char *EN(int e){ const char *s = strerrorname_np(e); return s? s : "?"; }
#define P(name, expr) do { errno=0; long long _r=(long long)(expr); int _e=errno; \
  printf("%-60s | %lld | %s\n", name, _r, _r<0? EN(_e): (_e? EN(_e):"-")); fflush(stdout);} while(0)
int main(int c,char**v){ glfs_t*fs=glfs_new(v[3]); glfs_set_volfile_server(fs,"tcp",v[1],atoi(v[2])); glfs_set_logging(fs,"/dev/null",7); glfs_init(fs);
 char p[64]; snprintf(p,64,"/t2-%d",getpid()); char b[64]={0};
 glfs_fd_t*f=glfs_creat(fs,p,O_RDWR,0644); glfs_write(f,"0123456789",10,0); glfs_close(f);
 int mode=atoi(v[4]);
 if(mode==1){ glfs_fd_t*r=glfs_open(fs,p,O_RDONLY); P("write on O_RDONLY",glfs_write(r,"x",1,0)); P("fsync",glfs_fsync(r,NULL,NULL)); P("write2",glfs_write(r,"y",1,0)); P("close",glfs_close(r)); }
 if(mode==2){ glfs_fd_t*w=glfs_open(fs,p,O_WRONLY); P("read on O_WRONLY",glfs_read(w,b,4,0)); printf("  [%s]\n",b); P("close",glfs_close(w)); }
 if(mode==3){ glfs_fd_t*r=glfs_open(fs,p,O_RDONLY); P("pread past EOF",glfs_pread(r,b,4,100,0,NULL)); P("pread at EOF",glfs_pread(r,b,4,10,0,NULL)); P("pread straddle",glfs_pread(r,b,4,8,0,NULL)); P("pread -1",glfs_pread(r,b,4,-1,0,NULL)); P("close",glfs_close(r)); }
 if(mode==4){ glfs_fd_t*r=glfs_open(fs,p,O_RDONLY); P("write 0 on O_RDONLY",glfs_write(r,b,0,0)); P("pread past EOF",glfs_pread(r,b,4,100,0,NULL)); P("close",glfs_close(r)); }
 if(mode==5){ glfs_fd_t*r=glfs_open(fs,p,O_RDONLY); P("pwrite on O_RDONLY",glfs_pwrite(r,"x",1,0,0,NULL,NULL)); P("pread",glfs_pread(r,b,4,0,0,NULL)); P("close",glfs_close(r)); }
 f=glfs_open(fs,p,O_RDONLY); memset(b,0,64); glfs_pread(f,b,20,0,0,NULL); printf("  final content [%s]\n",b); glfs_close(f);
 glfs_fini(fs); }
