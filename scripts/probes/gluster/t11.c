#define _GNU_SOURCE
#include <glusterfs/api/glfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
static const char *EN(int e){ const char *s = strerrorname_np(e); return s? s : "?"; }
int main(int c,char**v){ glfs_t*fs=glfs_new(v[3]); glfs_set_volfile_server(fs,"tcp",v[1],atoi(v[2])); glfs_set_logging(fs,"/dev/null",7); glfs_init(fs);
 char p[9000],q[9000],n[300]; snprintf(p,sizeof p,"/deep-%d",getpid()); glfs_mkdir(fs,p,0755);
 memset(n,'d',200); n[200]=0;
 while(strlen(p)+201 < 3900){ strcat(p,"/"); strcat(p,n); if(glfs_mkdir(fs,p,0755)) { printf("mkdir fail %s at %zu\n",EN(errno),strlen(p)); return 1; } }
 printf("base len %zu\n",strlen(p));
 for(size_t L=4060; L<=4086; L++){ size_t k=L-strlen(p)-1; if(k>255) { continue; } memset(n,'e',k); n[k]=0; snprintf(q,sizeof q,"%s/%s",p,n); errno=0; int r=glfs_mkdir(fs,q,0755); int e=errno; struct stat s; int r2=glfs_stat(fs,q,&s); int e2=errno;
   glfs_fd_t*f=NULL; char q2[9000]; if(r==0){ snprintf(q2,sizeof q2,"%s/x",q); } 
   printf("gluster path len %zu: mkdir %d %s; stat %d %s\n",strlen(q),r,r?EN(e):"-",r2,r2?EN(e2):"-"); if(r==0) glfs_rmdir(fs,q); }
 // creat at exact lengths
 for(size_t L=4093; L<=4097; L++){ size_t k=L-strlen(p)-1; memset(n,'f',k); n[k]=0; snprintf(q,sizeof q,"%s/%s",p,n); errno=0; glfs_fd_t*f=glfs_creat(fs,q,O_RDWR,0644); printf("creat path len %zu -> %s %s\n",strlen(q),f?"fd":"NULL",f?"-":EN(errno)); if(f){glfs_close(f); glfs_unlink(fs,q);} }
 // uid1000 mknod
 char d[128]; snprintf(d,128,"/mk-%d",getpid()); glfs_mkdir(fs,d,0777); glfs_chmod(fs,d,0777);
 glfs_setfsuid(1000); glfs_setfsgid(1000); char a[200];
 snprintf(a,200,"%s/c",d); errno=0; int r=glfs_mknod(fs,a,S_IFCHR|0644,makedev(1,3)); printf("uid1000 mknod S_IFCHR -> %d %s\n",r,r?EN(errno):"-");
 snprintf(a,200,"%s/p",d); errno=0; r=glfs_mknod(fs,a,S_IFIFO|0644,0); printf("uid1000 mknod S_IFIFO -> %d %s\n",r,r?EN(errno):"-");
 snprintf(a,200,"%s/s",d); errno=0; r=glfs_mknod(fs,a,S_IFSOCK|0644,0); printf("uid1000 mknod S_IFSOCK -> %d %s\n",r,r?EN(errno):"-");
 snprintf(a,200,"%s/l",d); errno=0; r=glfs_symlink(fs,"p",a); printf("uid1000 symlink -> %d %s\n",r,r?EN(errno):"-");
 snprintf(a,200,"%s/l",d); errno=0; r=glfs_lsetxattr(fs,a,"user.x","v",1,0); printf("uid1000 lsetxattr user.x own symlink -> %d %s\n",r,r?EN(errno):"-");
 snprintf(a,200,"%s/uf",d); glfs_fd_t*f=glfs_creat(fs,a,O_RDWR,0644); glfs_close(f);
 errno=0; r=glfs_setxattr(fs,a,"trusted.x","v",1,0); printf("uid1000 setxattr trusted.x own file -> %d %s\n",r,r?EN(errno):"-");
 errno=0; r=glfs_setxattr(fs,a,"security.x","v",1,0); printf("uid1000 setxattr security.x own file -> %d %s\n",r,r?EN(errno):"-");
 errno=0; r=glfs_setxattr(fs,a,"user.x","v",1,0); printf("uid1000 setxattr user.x own file -> %d %s\n",r,r?EN(errno):"-");
 { char b[64]; errno=0; r=glfs_listxattr(fs,a,b,64); printf("uid1000 listxattr own file -> %d\n",r); }
 glfs_setfsuid(0); glfs_setfsgid(0);
 errno=0; r=glfs_getxattr(fs,a,"trusted.x",n,10); printf("root getxattr trusted.x on that file -> %d %s\n",r,r<0?EN(errno):"-");
 // O_NOFOLLOW: what does it open?
 snprintf(a,200,"%s/tgt",d); f=glfs_creat(fs,a,O_RDWR,0644); glfs_write(f,"TARGET",6,0); glfs_close(f);
 snprintf(a,200,"%s/lnk",d); glfs_symlink(fs,"tgt",a);
 f=glfs_open(fs,a,O_RDONLY|O_NOFOLLOW); if(f){ char b[16]={0}; struct stat s; glfs_fstat(f,&s); int k=glfs_read(f,b,10,0); printf("O_NOFOLLOW on symlink: fd, fstat mode %o, read %d [%s]\n",s.st_mode,k,b); glfs_close(f);} else printf("O_NOFOLLOW NULL %s\n",EN(errno));
 // fallocate fresh stat via a second instance
 snprintf(a,200,"%s/fa",d); f=glfs_creat(fs,a,O_RDWR,0644);
 r=glfs_fallocate(f,1,0,1<<20); glfs_t*fs2=glfs_new(v[3]); glfs_set_volfile_server(fs2,"tcp",v[1],atoi(v[2])); glfs_set_logging(fs2,"/dev/null",7); glfs_init(fs2);
 struct stat s; glfs_stat(fs2,a,&s); printf("fallocate keep_size=1 0..1MiB on empty -> %d; other-instance stat size=%lld blocks=%lld\n",r,(long long)s.st_size,(long long)s.st_blocks);
 r=glfs_fallocate(f,0,0,1<<20); glfs_stat(fs2,a,&s); printf("fallocate keep_size=0 0..1MiB -> %d; size=%lld blocks=%lld\n",r,(long long)s.st_size,(long long)s.st_blocks);
 r=glfs_fallocate(f,0,2<<20,4096); glfs_stat(fs2,a,&s); printf("fallocate keep_size=0 at 2MiB len 4096 -> %d; size=%lld blocks=%lld\n",r,(long long)s.st_size,(long long)s.st_blocks);
 r=glfs_fallocate(f,2,0,4096); glfs_stat(fs2,a,&s); printf("fallocate keep_size=2 (treated as keep) -> %d; size=%lld blocks=%lld\n",r,(long long)s.st_size,(long long)s.st_blocks);
 r=glfs_discard(f,0,1<<20); glfs_stat(fs2,a,&s); printf("discard 0..1MiB -> %d; size=%lld blocks=%lld\n",r,(long long)s.st_size,(long long)s.st_blocks);
 r=glfs_zerofill(f,0,1<<20); glfs_stat(fs2,a,&s); printf("zerofill 0..1MiB -> %d; size=%lld blocks=%lld\n",r,(long long)s.st_size,(long long)s.st_blocks);
 r=glfs_zerofill(f,3<<20,4096); glfs_stat(fs2,a,&s); printf("zerofill beyond EOF at 3MiB -> %d; size=%lld blocks=%lld\n",r,(long long)s.st_size,(long long)s.st_blocks);
 r=glfs_discard(f,4<<20,4096); glfs_stat(fs2,a,&s); printf("discard beyond EOF at 4MiB -> %d; size=%lld blocks=%lld\n",r,(long long)s.st_size,(long long)s.st_blocks);
 glfs_close(f);
 // dup offset check
 snprintf(a,200,"%s/dup",d); f=glfs_creat(fs,a,O_RDWR,0644); glfs_write(f,"abcdef",6,0); glfs_fd_t*g=glfs_dup(f); printf("dup: orig off %lld, dup off %lld\n",(long long)glfs_lseek(f,0,SEEK_CUR),(long long)glfs_lseek(g,0,SEEK_CUR)); glfs_close(g); glfs_close(f);
 glfs_fini(fs2); glfs_fini(fs); }
