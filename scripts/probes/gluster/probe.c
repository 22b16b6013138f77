// probe.c - measure libgfapi (GlusterFS 10.3) edge behaviour. Usage: probe HOST PORT VOL [section...]
#define _GNU_SOURCE
#include <glusterfs/api/glfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/xattr.h>
#include <dirent.h>
#include <time.h>
#include <stdint.h>
#include <sys/sysmacros.h>

static glfs_t *fs;
static char T[128];
static const char *EN(int e){ const char *s = strerrorname_np(e); return s? s : "?"; }
static const char *J(const char *rel){ static char b[16][8192]; static int i; i=(i+1)%16; snprintf(b[i],sizeof b[i],"%s/%s",T,rel); return b[i]; }
#define P(name, expr) do { errno=0; long long _r=(long long)(expr); int _e=errno; \
  printf("%-60s | %lld | %s\n", name, _r, _r<0? EN(_e): (_e? EN(_e):"-")); fflush(stdout);} while(0)
// open-like: prints fd/NULL, closes
#define PF(name, expr) do { errno=0; glfs_fd_t *_f=(expr); int _e=errno; \
  printf("%-60s | %s | %s\n", name, _f?"fd":"NULL", _f?"-":EN(_e)); fflush(stdout); if(_f) glfs_close(_f);} while(0)
#define NOTE(...) do { printf("  # "); printf(__VA_ARGS__); printf("\n"); fflush(stdout);} while(0)

static void mk(const char *rel, const char *data, size_t n){ glfs_fd_t *f=glfs_creat(fs,J(rel),O_RDWR|O_TRUNC,0644); if(!f){NOTE("mk %s failed %s",rel,EN(errno));return;} if(n) glfs_write(f,data,n,0); glfs_close(f); }
static void st(const char *label, const char *path){ struct stat s; errno=0; int r=glfs_stat(fs,path,&s);
  if(r<0){ printf("  stat %s -> -1 %s\n",label,EN(errno)); return;}
  printf("  stat %s: mode=%o size=%lld blocks=%lld nlink=%lu ino=%llu uid=%u gid=%u blksize=%ld dev=%lu\n",label,s.st_mode,(long long)s.st_size,(long long)s.st_blocks,(unsigned long)s.st_nlink,(unsigned long long)s.st_ino,s.st_uid,s.st_gid,(long)s.st_blksize,(unsigned long)s.st_dev); fflush(stdout);}
static void fst(const char *label, glfs_fd_t *f){ struct stat s; errno=0; int r=glfs_fstat(f,&s);
  if(r<0){ printf("  fstat %s -> -1 %s\n",label,EN(errno)); return;}
  printf("  fstat %s: mode=%o size=%lld blocks=%lld nlink=%lu ino=%llu\n",label,s.st_mode,(long long)s.st_size,(long long)s.st_blocks,(unsigned long)s.st_nlink,(unsigned long long)s.st_ino); fflush(stdout);}
static void readall(const char *label, const char *path){ char b[256]={0}; glfs_fd_t *f=glfs_open(fs,path,O_RDONLY); if(!f){printf("  read %s -> open %s\n",label,EN(errno));return;}
  ssize_t n=glfs_pread(f,b,sizeof b-1,0,0,NULL); glfs_close(f); printf("  content %s (%zd): ",label,n); for(ssize_t i=0;i<n;i++) putchar(b[i]>=32&&b[i]<127?b[i]:'.'); printf("\n"); fflush(stdout);}

static void s1(void){
  printf("\n## 1 open/creat\n");
  glfs_mkdir(fs,J("d1"),0755); mk("f1","hello",5);
  PF("open missing O_RDONLY", glfs_open(fs,J("nope"),O_RDONLY));
  PF("open missing O_RDWR", glfs_open(fs,J("nope"),O_RDWR));
  PF("glfs_open missing O_CREAT|O_RDWR (glfs_open w/ O_CREAT)", glfs_open(fs,J("nope2"),O_CREAT|O_RDWR));
  st("nope2 after open O_CREAT", J("nope2"));
  PF("creat existing O_EXCL", glfs_creat(fs,J("f1"),O_RDWR|O_EXCL,0644));
  PF("creat existing no EXCL", glfs_creat(fs,J("f1"),O_RDWR,0644));
  readall("f1 after creat no-trunc", J("f1"));
  PF("creat existing dir O_RDWR", glfs_creat(fs,J("d1"),O_RDWR,0644));
  PF("creat existing dir O_RDONLY", glfs_creat(fs,J("d1"),O_RDONLY,0644));
  PF("creat existing dir O_EXCL", glfs_creat(fs,J("d1"),O_RDWR|O_EXCL,0644));
  PF("open dir O_RDONLY", glfs_open(fs,J("d1"),O_RDONLY));
  PF("open dir O_WRONLY", glfs_open(fs,J("d1"),O_WRONLY));
  PF("open dir O_RDWR", glfs_open(fs,J("d1"),O_RDWR));
  PF("open dir O_RDONLY|O_DIRECTORY", glfs_open(fs,J("d1"),O_RDONLY|O_DIRECTORY));
  PF("open file O_RDONLY|O_DIRECTORY", glfs_open(fs,J("f1"),O_RDONLY|O_DIRECTORY));
  PF("open file flags=3 (O_WRONLY|O_RDWR)", glfs_open(fs,J("f1"),3));
  { glfs_fd_t *f=glfs_open(fs,J("f1"),3); if(f){ char b[8]; P("  flags=3 fd: read",glfs_read(f,b,5,0)); P("  flags=3 fd: write",glfs_write(f,"x",1,0)); glfs_close(f);} }
  readall("f1 after flags=3", J("f1")); mk("f1","hello",5);
  PF("open file O_RDONLY|O_TRUNC", glfs_open(fs,J("f1"),O_RDONLY|O_TRUNC));
  st("f1 after O_RDONLY|O_TRUNC", J("f1"));  mk("f1","hello",5);
  PF("creat parent missing", glfs_creat(fs,J("nodir/x"),O_RDWR,0644));
  PF("creat parent is file", glfs_creat(fs,J("f1/x"),O_RDWR,0644));
  PF("open parent is file O_RDONLY", glfs_open(fs,J("f1/x"),O_RDONLY));
  PF("open existing file with trailing slash 'f1/'", glfs_open(fs,J("f1/"),O_RDONLY));
  P("stat 'f1/'", ({struct stat s; glfs_stat(fs,J("f1/"),&s);}));
  P("lstat 'f1/'", ({struct stat s; glfs_lstat(fs,J("f1/"),&s);}));
  PF("creat new 'newf/' (trailing slash)", glfs_creat(fs,J("newf/"),O_RDWR,0644));
  st("newf after", J("newf"));
  PF("open dir 'd1/' O_RDONLY", glfs_open(fs,J("d1/"),O_RDONLY));
  PF("open '' O_RDONLY", glfs_open(fs,"",O_RDONLY));
  PF("creat ''", glfs_creat(fs,"",O_RDWR,0644));
  P("stat ''", ({struct stat s; glfs_stat(fs,"",&s);}));
  { char rel[160]; snprintf(rel,sizeof rel,"%s/f1",T+1);
    PF("open relative 'T/f1' without chdir (cwd=/)", glfs_open(fs,rel,O_RDONLY)); }
  glfs_symlink(fs,"f1",J("lnk"));
  PF("open symlink O_RDONLY|O_NOFOLLOW", glfs_open(fs,J("lnk"),O_RDONLY|O_NOFOLLOW));
  PF("open symlink O_RDONLY", glfs_open(fs,J("lnk"),O_RDONLY));
  PF("creat symlink O_NOFOLLOW", glfs_creat(fs,J("lnk"),O_RDWR|O_NOFOLLOW,0644));
  PF("open symlink O_PATH?", glfs_open(fs,J("lnk"),O_PATH|O_NOFOLLOW));
  glfs_symlink(fs,"dangtarget",J("dang"));
  PF("creat via dangling symlink (no EXCL)", glfs_creat(fs,J("dang"),O_RDWR,0644));
  st("dangtarget after", J("dangtarget"));
  P("lstat dang", ({struct stat s; int r=glfs_lstat(fs,J("dang"),&s); r<0?r:(long long)(s.st_mode&S_IFMT);}));
  glfs_symlink(fs,"dangtarget2",J("dang2"));
  PF("open O_CREAT via dangling symlink", glfs_open(fs,J("dang2"),O_CREAT|O_RDWR));
  st("dangtarget2 after", J("dangtarget2"));
  PF("creat via dangling symlink O_EXCL", glfs_creat(fs,J("dang2"),O_RDWR|O_EXCL,0644));
  glfs_symlink(fs,"dangtarget3",J("dang3"));
  PF("creat via dangling symlink O_EXCL (fresh)", glfs_creat(fs,J("dang3"),O_RDWR|O_EXCL,0644));
  st("dangtarget3 after", J("dangtarget3"));
  // O_APPEND
  mk("ap","AAAA",4);
  { glfs_fd_t *f=glfs_open(fs,J("ap"),O_WRONLY|O_APPEND);
    P("O_APPEND lseek(0,SEEK_CUR) after open",glfs_lseek(f,0,SEEK_CUR));
    P("O_APPEND write 'BB'",glfs_write(f,"BB",2,0));
    P("O_APPEND lseek(0,SEEK_CUR) after write",glfs_lseek(f,0,SEEK_CUR));
    P("O_APPEND pwrite 'CC' at 0",glfs_pwrite(f,"CC",2,0,0,NULL,NULL));
    P("O_APPEND lseek(0,SEEK_CUR) after pwrite",glfs_lseek(f,0,SEEK_CUR));
    P("O_APPEND lseek(1,SEEK_SET)",glfs_lseek(f,1,SEEK_SET));
    P("O_APPEND write 'DD' after lseek 1",glfs_write(f,"DD",2,0));
    P("O_APPEND lseek(0,SEEK_CUR)",glfs_lseek(f,0,SEEK_CUR));
    glfs_close(f); }
  readall("ap", J("ap"));
  // mode of created file with umask
  { glfs_fd_t *f=glfs_creat(fs,J("m777"),O_RDWR,0777); glfs_close(f); st("creat mode 0777 ->", J("m777")); }
  { glfs_fd_t *f=glfs_creat(fs,J("m4777"),O_RDWR,07777); glfs_close(f); st("creat mode 07777 ->", J("m4777")); }
  P("mkdir mode 0777", glfs_mkdir(fs,J("dm777"),0777)); st("dm777", J("dm777"));
  P("mkdir mode 01777", glfs_mkdir(fs,J("dm1777"),07777)); st("dm1777", J("dm1777"));
  PF("open O_RDONLY|O_CREAT|O_EXCL on new (glfs_open)", glfs_open(fs,J("oex"),O_RDONLY|O_CREAT|O_EXCL));
}

static void s2(void){
  printf("\n## 2 read/write\n"); char b[64]; glfs_fd_t *w,*r,*rw;
  mk("rw","0123456789",10);
#define FRESH(var,fl) var=glfs_open(fs,J("rw"),fl)
  FRESH(w,O_WRONLY); P("read on O_WRONLY fd", glfs_read(w,b,4,0)); P("  close", glfs_close(w));
  FRESH(w,O_WRONLY); P("pread on O_WRONLY fd", glfs_pread(w,b,4,0,0,NULL)); P("  close", glfs_close(w));
  FRESH(r,O_RDONLY); P("write on O_RDONLY fd", glfs_write(r,"x",1,0)); P("  next op: fstat", ({struct stat s; glfs_fstat(r,&s);})); P("  next op: pread", glfs_pread(r,b,4,0,0,NULL)); P("  close", glfs_close(r));
  FRESH(r,O_RDONLY); P("pwrite on O_RDONLY fd", glfs_pwrite(r,"x",1,0,0,NULL,NULL)); P("  next op: fsync", glfs_fsync(r,NULL,NULL)); P("  next op: fsync again", glfs_fsync(r,NULL,NULL)); P("  close", glfs_close(r));
  readall("rw after writes on O_RDONLY fds", J("rw"));
  FRESH(r,O_RDONLY); P("read len 0 (O_RDONLY fd)", glfs_read(r,b,0,0)); P("pread len 0 off 0", glfs_pread(r,b,0,0,0,NULL)); P("pread len 0 off 100", glfs_pread(r,b,0,100,0,NULL)); P("  close", glfs_close(r));
  FRESH(rw,O_RDWR); P("write len 0", glfs_write(rw,b,0,0)); P("pwrite len 0 off 100", glfs_pwrite(rw,b,0,100,0,NULL,NULL)); fst("rw after 0-len pwrite at 100",rw); P("  close", glfs_close(rw));
  FRESH(r,O_RDONLY); P("write len 0 on O_RDONLY", glfs_write(r,b,0,0)); P("  close", glfs_close(r));
  FRESH(r,O_RDONLY);
  P("pread past EOF (off 100)", glfs_pread(r,b,4,100,0,NULL));
  P("pread at EOF (off 10)", glfs_pread(r,b,4,10,0,NULL));
  P("pread straddling EOF (off 8 len 4)", glfs_pread(r,b,4,8,0,NULL));
  P("pread negative off -1", glfs_pread(r,b,4,-1,0,NULL));
  P("lseek 100 SEEK_SET", glfs_lseek(r,100,SEEK_SET));
  P("read after lseek past EOF", glfs_read(r,b,4,0));
  P("lseek after that (CUR)", glfs_lseek(r,0,SEEK_CUR));
  P("lseek -5 SEEK_SET (returns -5?)", glfs_lseek(r,-5,SEEK_SET));
  P("read at negative offset after that", glfs_read(r,b,4,0));
  P("  close", glfs_close(r));
  FRESH(rw,O_RDWR); P("pwrite negative off -1", glfs_pwrite(rw,"x",1,-1,0,NULL,NULL)); P("  next op fsync", glfs_fsync(rw,NULL,NULL)); P("  close", glfs_close(rw));
  mk("sp","",0);
  { glfs_fd_t *f=glfs_open(fs,J("sp"),O_RDWR);
    P("pwrite 1 byte at 1 TiB", glfs_pwrite(f,"z",1,1LL<<40,0,NULL,NULL)); fst("sp",f);
    P("pwrite 1 byte at 8 EiB-2 (0x7ffffffffffffffe)", glfs_pwrite(f,"z",1,0x7ffffffffffffffeLL,0,NULL,NULL));
    P("pwrite 1 byte at 16 TiB", glfs_pwrite(f,"z",1,1LL<<44,0,NULL,NULL));
    P("pwrite 1 byte at 8 TiB-1", glfs_pwrite(f,"z",1,(1LL<<43)-1,0,NULL,NULL)); fst("sp",f);
    glfs_close(f); }
  { glfs_fd_t *f=glfs_open(fs,J("rw"),O_RDWR);
    P("pwrite prestat/poststat non-NULL", ({struct glfs_stat a,c; memset(&a,0,sizeof a); memset(&c,0,sizeof c); long long x=glfs_pwrite(f,"Q",1,20,0,&a,&c); printf("  prestat mask=%llx size=%llu poststat size=%llu\n",(unsigned long long)a.glfs_st_mask,(unsigned long long)a.glfs_st_size,(unsigned long long)c.glfs_st_size); x;}));
    P("write 1 MiB+1", ({static char big[(1<<20)+1]; glfs_pwrite(f,big,sizeof big,0,0,NULL,NULL);}));
    P("write 16 MiB", ({char *big=calloc(1,16<<20); long long x=glfs_pwrite(f,big,16<<20,0,0,NULL,NULL); free(big); x;}));
    P("read 16 MiB", ({char *big=calloc(1,16<<20); long long x=glfs_pread(f,big,16<<20,0,0,NULL); free(big); x;}));
    glfs_close(f); }
}

static void s3(void){
  printf("\n## 3 lseek\n");
  mk("sk","",0); glfs_fd_t *f=glfs_open(fs,J("sk"),O_RDWR); char b[4096]; memset(b,'a',4096);
  glfs_pwrite(f,b,4096,0,0,NULL,NULL); glfs_pwrite(f,b,4096,1<<20,0,NULL,NULL); fst("sk",f);
  P("SEEK_SET -1", glfs_lseek(f,-1,SEEK_SET));
  P("pos after failed", glfs_lseek(f,0,SEEK_CUR));
  P("SEEK_SET 10", glfs_lseek(f,10,SEEK_SET));
  P("SEEK_CUR +5", glfs_lseek(f,5,SEEK_CUR));
  P("SEEK_CUR -100", glfs_lseek(f,-100,SEEK_CUR));
  P("SEEK_END 0", glfs_lseek(f,0,SEEK_END));
  P("SEEK_END -10", glfs_lseek(f,-10,SEEK_END));
  P("SEEK_END +10", glfs_lseek(f,10,SEEK_END));
  P("SEEK_END -(size+1)", glfs_lseek(f,-(1<<20)-4097,SEEK_END));
  P("SEEK_SET INT64_MAX", glfs_lseek(f,INT64_MAX,SEEK_SET));
  P("SEEK_CUR +1 from INT64_MAX (overflow)", glfs_lseek(f,1,SEEK_CUR));
  P("whence 99", glfs_lseek(f,0,99));
  long long offs[]={0,100,4095,4096,8192,500000,(1<<20)-1,1<<20,(1<<20)+100,(1<<20)+4095,(1<<20)+4096,(1<<20)+5000,-1};
  for(int i=0;i<13;i++){ char n[80];
    snprintf(n,sizeof n,"SEEK_DATA %lld",offs[i]); P(n,glfs_lseek(f,offs[i],SEEK_DATA));
    snprintf(n,sizeof n,"SEEK_HOLE %lld",offs[i]); P(n,glfs_lseek(f,offs[i],SEEK_HOLE)); }
  glfs_close(f);
  mk("sk0","",0); f=glfs_open(fs,J("sk0"),O_RDONLY);
  P("empty file SEEK_DATA 0", glfs_lseek(f,0,SEEK_DATA)); P("empty file SEEK_HOLE 0", glfs_lseek(f,0,SEEK_HOLE)); glfs_close(f);
  f=glfs_open(fs,J("d1"),O_RDONLY); if(f){ P("dir fd SEEK_SET 0", glfs_lseek(f,0,SEEK_SET)); P("dir fd SEEK_END 0", glfs_lseek(f,0,SEEK_END)); P("dir fd SEEK_DATA 0", glfs_lseek(f,0,SEEK_DATA)); glfs_close(f);}
}

static void s4(void){
  printf("\n## 4 truncate\n");
  mk("tr","hello",5); glfs_fd_t *f=glfs_open(fs,J("tr"),O_RDWR), *r=glfs_open(fs,J("tr"),O_RDONLY);
  P("ftruncate -1", glfs_ftruncate(f,-1,NULL,NULL));
  P("ftruncate on O_RDONLY fd", glfs_ftruncate(r,2,NULL,NULL));
  P("ftruncate extend 100", glfs_ftruncate(f,100,NULL,NULL));
  { char b[100]; memset(b,'x',100); long long n=glfs_pread(f,b,100,0,0,NULL); int z=1; for(int i=5;i<100;i++) if(b[i]) z=0; printf("  read %lld bytes, tail zeros=%d\n",n,z);}
  P("ftruncate 1 TiB", glfs_ftruncate(f,1LL<<40,NULL,NULL)); fst("tr",f);
  P("ftruncate 0", glfs_ftruncate(f,0,NULL,NULL));
  P("truncate path -1", glfs_truncate(fs,J("tr"),-1));
  P("truncate path dir", glfs_truncate(fs,J("d1"),0));
  P("truncate path missing", glfs_truncate(fs,J("nope"),0));
  P("truncate path ok 3", glfs_truncate(fs,J("tr"),3));
  glfs_symlink(fs,"tr",J("trl"));
  P("truncate via symlink 7", glfs_truncate(fs,J("trl"),7)); st("tr",J("tr"));
  glfs_close(f); glfs_close(r);
  f=glfs_open(fs,J("d1"),O_RDONLY); if(f){ P("ftruncate dir fd", glfs_ftruncate(f,0,NULL,NULL)); glfs_close(f);}
}

static void s5(void){
  printf("\n## 5 fallocate/discard/zerofill\n");
  char b[8192]; memset(b,'a',sizeof b);
  mk("fa","",0); glfs_fd_t *f=glfs_open(fs,J("fa"),O_RDWR);
  P("fallocate keep_size=0 off 0 len 1MiB", glfs_fallocate(f,0,0,1<<20)); fst("fa",f);
  P("fallocate keep_size=1 off 1MiB len 1MiB", glfs_fallocate(f,1,1<<20,1<<20)); fst("fa",f);
  P("fallocate keep_size=FALLOC_FL_KEEP_SIZE(1) beyond EOF gap", glfs_fallocate(f,1,4<<20,4096)); fst("fa",f);
  P("fallocate keep_size=2 (PUNCH_HOLE w/o KEEP)", glfs_fallocate(f,2,0,4096)); fst("fa",f);
  P("fallocate keep_size=3 (PUNCH|KEEP)", glfs_fallocate(f,3,0,4096)); fst("fa",f);
  P("fallocate keep_size=0x10 (ZERO_RANGE)", glfs_fallocate(f,0x10,0,4096)); fst("fa",f);
  P("fallocate len 0", glfs_fallocate(f,0,0,0));
  P("fallocate off -1", glfs_fallocate(f,0,-1,10));
  P("fallocate len (size_t)-1", glfs_fallocate(f,0,0,(size_t)-1));
  glfs_close(f);
  mk("dc","",0); f=glfs_open(fs,J("dc"),O_RDWR); glfs_pwrite(f,b,8192,0,0,NULL,NULL); fst("dc",f);
  P("discard 0..4096", glfs_discard(f,0,4096)); fst("dc",f); readall("dc",J("dc"));
  P("discard beyond EOF 100000 len 4096", glfs_discard(f,100000,4096)); fst("dc",f);
  P("discard len 0", glfs_discard(f,0,0));
  P("discard off -1", glfs_discard(f,-1,10));
  P("discard unaligned 10 len 100", glfs_discard(f,4096+10,100)); { char c[16]; glfs_pread(f,c,16,4096,0,NULL); printf("  bytes 4096..: "); for(int i=0;i<16;i++) printf("%02x",(unsigned char)c[i]); printf("\n"); }
  glfs_close(f);
  mk("zf","",0); f=glfs_open(fs,J("zf"),O_RDWR); glfs_pwrite(f,b,8192,0,0,NULL,NULL);
  P("zerofill 10 len 20", glfs_zerofill(f,10,20)); readall("zf",J("zf")); fst("zf",f);
  P("zerofill beyond EOF 100000 len 4096", glfs_zerofill(f,100000,4096)); fst("zf",f);
  P("zerofill len 0", glfs_zerofill(f,0,0));
  P("zerofill len -1", glfs_zerofill(f,0,-1));
  P("zerofill off -1", glfs_zerofill(f,-1,10));
  glfs_close(f);
  f=glfs_open(fs,J("zf"),O_RDONLY);
  P("fallocate O_RDONLY fd", glfs_fallocate(f,0,0,10));
  P("discard O_RDONLY fd", glfs_discard(f,0,10));
  P("zerofill O_RDONLY fd", glfs_zerofill(f,0,10));
  glfs_close(f);
}

static void s6(void){
  printf("\n## 6 fsync/fstat/dup\n");
  mk("fs","hello",5); glfs_fd_t *r=glfs_open(fs,J("fs"),O_RDONLY);
  P("fsync O_RDONLY fd", glfs_fsync(r,NULL,NULL));
  P("fdatasync O_RDONLY fd", glfs_fdatasync(r,NULL,NULL));
  glfs_close(r);
  glfs_fd_t *f=glfs_open(fs,J("fs"),O_RDWR);
  P("write 3 'abc'", glfs_write(f,"abc",3,0)); fst("fs after write (no fsync)",f);
  { struct stat s; glfs_fstat(f,&s); printf("  fstat: atime=%ld.%09ld mtime=%ld.%09ld ctime=%ld.%09ld blksize=%ld dev=%lu rdev=%lu\n",s.st_atim.tv_sec,s.st_atim.tv_nsec,s.st_mtim.tv_sec,s.st_mtim.tv_nsec,s.st_ctim.tv_sec,s.st_ctim.tv_nsec,(long)s.st_blksize,(unsigned long)s.st_dev,(unsigned long)s.st_rdev);}
  P("lseek CUR orig", glfs_lseek(f,0,SEEK_CUR));
  glfs_fd_t *d=glfs_dup(f); printf("  dup -> %s\n", d?"fd":EN(errno));
  if(d){ P("dup: lseek CUR", glfs_lseek(d,0,SEEK_CUR)); P("write 'XY' via dup", glfs_write(d,"XY",2,0));
    P("orig lseek CUR after dup write", glfs_lseek(f,0,SEEK_CUR)); P("dup lseek CUR", glfs_lseek(d,0,SEEK_CUR));
    P("lseek orig to 0", glfs_lseek(f,0,SEEK_SET)); P("dup lseek CUR after orig seek", glfs_lseek(d,0,SEEK_CUR));
    P("close orig", glfs_close(f)); f=NULL; P("write via dup after orig closed", glfs_write(d,"Z",1,0)); P("close dup", glfs_close(d)); }
  if(f) glfs_close(f);
  readall("fs",J("fs"));
  f=glfs_open(fs,J("d1"),O_RDONLY); if(f){ P("fsync dir fd", glfs_fsync(f,NULL,NULL)); glfs_close(f);} 
}

static void s7(void){
  printf("\n## 7 directories\n");
  P("mkdir existing dir", glfs_mkdir(fs,J("d1"),0755));
  P("mkdir existing file", glfs_mkdir(fs,J("f1"),0755));
  P("mkdir parent missing", glfs_mkdir(fs,J("nodir/x"),0755));
  P("mkdir parent is file", glfs_mkdir(fs,J("f1/x"),0755));
  P("mkdir trailing slash 'dts/'", glfs_mkdir(fs,J("dts/"),0755));
  P("mkdir '/'", glfs_mkdir(fs,"/",0755));
  P("mkdir ''", glfs_mkdir(fs,"",0755));
  glfs_mkdir(fs,J("ne"),0755); mk("ne/x","",0);
  P("rmdir non-empty", glfs_rmdir(fs,J("ne")));
  P("rmdir file", glfs_rmdir(fs,J("f1")));
  P("rmdir missing", glfs_rmdir(fs,J("nope")));
  P("rmdir '/'", glfs_rmdir(fs,"/"));
  P("rmdir '.'", glfs_rmdir(fs,"."));
  P("rmdir 'T/d1/.'", glfs_rmdir(fs,J("d1/.")));
  P("rmdir 'T/d1/..'", glfs_rmdir(fs,J("d1/..")));
  glfs_mkdir(fs,J("e1"),0755);
  P("rmdir 'e1/' trailing slash", glfs_rmdir(fs,J("e1/")));
  glfs_symlink(fs,"d1",J("dl"));
  P("rmdir symlink to dir", glfs_rmdir(fs,J("dl")));
  P("unlink dir", glfs_unlink(fs,J("d1")));
  P("unlink missing", glfs_unlink(fs,J("nope")));
  P("unlink 'f1/'", glfs_unlink(fs,J("f1/")));
  P("unlink '/'", glfs_unlink(fs,"/"));
  P("unlink symlink to dir (removes link)", glfs_unlink(fs,J("dl")));
  // readdir
  glfs_mkdir(fs,J("rd"),0755); glfs_mkdir(fs,J("rd/sub"),0755); mk("rd/file","x",1); glfs_symlink(fs,"file",J("rd/sym")); glfs_mknod(fs,J("rd/fifo"),S_IFIFO|0644,0);
  glfs_fd_t *d=glfs_opendir(fs,J("rd")); struct dirent de,*res; struct stat s;
  printf("  readdir_r:\n"); while(glfs_readdir_r(d,&de,&res)==0 && res){ struct stat s2; int sr=glfs_lstat(fs,J(strcmp(de.d_name,".")&&strcmp(de.d_name,"..")?({static char t[300]; snprintf(t,300,"rd/%s",de.d_name); t;}):"rd"),&s2);
    printf("    name=%-6s d_type=%d d_ino=%llu d_off=%lld d_reclen=%d lstat_ino=%llu\n",de.d_name,de.d_type,(unsigned long long)de.d_ino,(long long)de.d_off,de.d_reclen,sr==0?(unsigned long long)s2.st_ino:0ULL);}
  P("telldir at end", glfs_telldir(d));
  glfs_seekdir(d,0); P("readdir after seekdir(0) non-NULL?", (long long)(glfs_readdir(d)!=NULL));
  glfs_closedir(d);
  d=glfs_opendir(fs,J("rd")); printf("  readdirplus_r:\n"); while(glfs_readdirplus_r(d,&s,&de,&res)==0 && res) printf("    name=%-6s d_type=%d d_ino=%llu st_ino=%llu st_mode=%o st_size=%lld\n",de.d_name,de.d_type,(unsigned long long)de.d_ino,(unsigned long long)s.st_ino,s.st_mode,(long long)s.st_size);
  glfs_closedir(d);
  { glfs_fd_t *e=glfs_opendir(fs,"/"); printf("  readdir '/':"); struct dirent *x; while((x=glfs_readdir(e))) printf(" %s(%d)",x->d_name,x->d_type); printf("\n"); glfs_closedir(e);} 
  { errno=0; glfs_fd_t *e=glfs_opendir(fs,J("f1")); printf("%-60s | %s | %s\n","opendir on file",e?"fd":"NULL",e?"-":EN(errno)); if(e) glfs_closedir(e);} 
  { errno=0; glfs_fd_t *e=glfs_opendir(fs,J("nope")); printf("%-60s | %s | %s\n","opendir missing",e?"fd":"NULL",e?"-":EN(errno)); if(e) glfs_closedir(e);} 
  { errno=0; glfs_fd_t *e=glfs_opendir(fs,J("rd/sym")); printf("%-60s | %s | %s\n","opendir symlink->file",e?"fd":"NULL",e?"-":EN(errno)); if(e) glfs_closedir(e);} 
  { glfs_fd_t *e=glfs_open(fs,J("f1"),O_RDONLY); struct dirent *x; errno=0; x=glfs_readdir(e); printf("%-60s | %s | %s\n","glfs_readdir on a file fd",x?"entry":"NULL",EN(errno)); glfs_close(e);} 
  { glfs_fd_t *e=glfs_open(fs,J("rd"),O_RDONLY); struct dirent *x; int n=0; errno=0; while((x=glfs_readdir(e))) n++; printf("%-60s | %d entries | %s\n","glfs_readdir on dir opened via glfs_open",n,EN(errno)); glfs_close(e);} 
  glfs_mkdir(fs,J("nl"),0755); st("dir 0 subdirs",J("nl"));
  glfs_mkdir(fs,J("nl/a"),0755); glfs_mkdir(fs,J("nl/b"),0755); mk("nl/f","",0); st("dir 2 subdirs + 1 file",J("nl"));
  st("'/'","/");
}

static void s8(void){
  printf("\n## 8 rename\n");
  glfs_mkdir(fs,J("r"),0755); mk("r/a","A",1); mk("r/b","B",1);
  P("rename file onto existing file", glfs_rename(fs,J("r/a"),J("r/b"))); readall("r/b",J("r/b")); st("r/a",J("r/a"));
  glfs_mkdir(fs,J("r/d"),0755); glfs_mkdir(fs,J("r/e"),0755); glfs_mkdir(fs,J("r/ne"),0755); mk("r/ne/x","",0);
  P("rename file onto dir", glfs_rename(fs,J("r/b"),J("r/d")));
  P("rename file onto non-empty dir", glfs_rename(fs,J("r/b"),J("r/ne")));
  P("rename dir onto file", glfs_rename(fs,J("r/d"),J("r/b")));
  P("rename dir onto non-empty dir", glfs_rename(fs,J("r/d"),J("r/ne")));
  P("rename dir onto empty dir", glfs_rename(fs,J("r/d"),J("r/e"))); st("r/d",J("r/d")); st("r/e",J("r/e"));
  glfs_mkdir(fs,J("r/e/sub"),0755);
  P("rename dir into own subdir", glfs_rename(fs,J("r/e"),J("r/e/sub/x")));
  P("rename dir onto own child (non-empty? sub empty)", glfs_rename(fs,J("r/e"),J("r/e/sub")));
  P("rename dir to itself", glfs_rename(fs,J("r/e"),J("r/e")));
  P("rename file to itself", glfs_rename(fs,J("r/b"),J("r/b")));
  glfs_link(fs,J("r/b"),J("r/h"));
  P("rename a->b where b is hard link of a", glfs_rename(fs,J("r/b"),J("r/h"))); st("r/b",J("r/b")); st("r/h",J("r/h"));
  P("rename missing source", glfs_rename(fs,J("r/nope"),J("r/x")));
  if(getenv("CRASH")) P("rename target parent missing", glfs_rename(fs,J("r/b"),J("r/nodir/x")));
  if(getenv("CRASH")) P("rename target parent is file", glfs_rename(fs,J("r/b"),J("r/h/x")));
  P("rename '/' to x", glfs_rename(fs,"/",J("r/rootx")));
  P("rename dir onto '/'", glfs_rename(fs,J("r/e"),"/"));
  if(getenv("CRASH")) P("rename to empty", glfs_rename(fs,J("r/b"),""));
  P("rename dir/ with trailing slash to new/", glfs_rename(fs,J("r/e/"),J("r/e2/")));
  P("rename file with trailing slash dest 'r/q/'", glfs_rename(fs,J("r/h"),J("r/q/")));
  glfs_symlink(fs,"e2",J("r/sl"));
  P("rename symlink (renames link itself)", glfs_rename(fs,J("r/sl"),J("r/sl2"))); st("r/e2",J("r/e2"));
  P("rename dir onto symlink", glfs_rename(fs,J("r/e2"),J("r/sl2")));
  P("rename file onto symlink-to-dir", glfs_rename(fs,J("r/h"),J("r/sl2"))); { char t[64]={0}; P("readlink r/sl2",glfs_readlink(fs,J("r/sl2"),t,63)); }
}

static void s9(void){
  printf("\n## 9 link\n");
  glfs_mkdir(fs,J("l"),0755); mk("l/a","A",1);
  P("link dir", glfs_link(fs,J("d1"),J("l/dl")));
  P("link to existing name", glfs_link(fs,J("l/a"),J("l/a")));
  mk("l/b","",0); P("link onto existing other file", glfs_link(fs,J("l/a"),J("l/b")));
  P("link missing src", glfs_link(fs,J("l/nope"),J("l/x")));
  P("link dst parent missing", glfs_link(fs,J("l/a"),J("l/nodir/x")));
  st("a before",J("l/a"));
  P("link a->c", glfs_link(fs,J("l/a"),J("l/c"))); st("a",J("l/a"));
  P("link a->d", glfs_link(fs,J("l/a"),J("l/d"))); st("a",J("l/a"));
  P("unlink c", glfs_unlink(fs,J("l/c"))); st("a",J("l/a"));
  glfs_symlink(fs,"a",J("l/s"));
  P("link symlink s->s2", glfs_link(fs,J("l/s"),J("l/s2")));
  { struct stat x; glfs_lstat(fs,J("l/s2"),&x); printf("  lstat s2: mode=%o nlink=%lu (S_IFLNK=%o => links the symlink itself if so)\n",x.st_mode,(unsigned long)x.st_nlink,S_IFLNK);} st("a",J("l/a"));
  glfs_symlink(fs,"missing",J("l/ds")); P("link dangling symlink", glfs_link(fs,J("l/ds"),J("l/ds2")));
  P("link src trailing slash 'a/'", glfs_link(fs,J("l/a/"),J("l/z")));
}

static void s10(void){
  printf("\n## 10 symlink/readlink\n"); char b[4200];
  glfs_mkdir(fs,J("s"),0755); mk("s/f","data",4);
  P("symlink onto existing name", glfs_symlink(fs,"f",J("s/f")));
  P("symlink parent missing", glfs_symlink(fs,"f",J("s/nodir/x")));
  P("readlink regular file", glfs_readlink(fs,J("s/f"),b,100));
  P("readlink dir", glfs_readlink(fs,J("s"),b,100));
  P("readlink missing", glfs_readlink(fs,J("s/nope"),b,100));
  glfs_symlink(fs,"f",J("s/l"));
  P("readlink ok (len returned, no NUL?)", ({memset(b,'#',10); long long n=glfs_readlink(fs,J("s/l"),b,100); printf("  buf=[%.4s]\n",b); n;}));
  glfs_symlink(fs,"abcdefgh",J("s/l8"));
  P("readlink bufsize 3 (target 8)", ({memset(b,0,20); long long n=glfs_readlink(fs,J("s/l8"),b,3); printf("  buf=[%s]\n",b); n;}));
  P("readlink bufsize 0", glfs_readlink(fs,J("s/l8"),b,0));
  P("symlink self-loop a->a create", glfs_symlink(fs,"a",J("s/a")));
  P("stat a (self-loop)", ({struct stat s; glfs_stat(fs,J("s/a"),&s);}));
  P("lstat a (self-loop)", ({struct stat s; glfs_lstat(fs,J("s/a"),&s);}));
  PF("open self-loop O_RDONLY", glfs_open(fs,J("s/a"),O_RDONLY));
  PF("creat self-loop", glfs_creat(fs,J("s/a"),O_RDWR,0644));
  glfs_symlink(fs,"y",J("s/x")); glfs_symlink(fs,"x",J("s/y"));
  P("stat x (x->y->x)", ({struct stat s; glfs_stat(fs,J("s/x"),&s);}));
  P("stat 'a/foo' through loop", ({struct stat s; glfs_stat(fs,J("s/a/foo"),&s);}));
  // chains
  glfs_mkdir(fs,J("ch"),0755); mk("ch/L0","x",1);
  int N=2050; for(int i=1;i<=N;i++){ char t[32],p[32]; snprintf(t,32,"L%d",i-1); snprintf(p,32,"ch/L%d",i); glfs_symlink(fs,t,J(p)); }
  int ns[]={8,40,41,2048,2049};
  for(unsigned i=0;i<sizeof ns/sizeof*ns;i++){ char p[32],n[64]; snprintf(p,32,"ch/L%d",ns[i]); snprintf(n,64,"stat chain of %d links",ns[i]); P(n,({struct stat s; glfs_stat(fs,J(p),&s);})); }
  // first failing
  { glfs_fd_t *f=glfs_open(fs,J("ch/L40"),O_RDONLY); printf("%-60s | %s | %s\n","open chain 40",f?"fd":"NULL",f?"-":EN(errno)); if(f) glfs_close(f);} 
  // chain in middle of path: dir chain
  glfs_mkdir(fs,J("dch"),0755); glfs_mkdir(fs,J("dch/D0"),0755); mk("dch/D0/f","",0);
  for(int i=1;i<=50;i++){ char t[32],p[32]; snprintf(t,32,"D%d",i-1); snprintf(p,32,"dch/D%d",i); glfs_symlink(fs,t,J(p)); }
  { int bad=0; for(int i=1;i<=50;i++){ char p[40]; struct stat s; snprintf(p,40,"dch/D%d/f",i); if(glfs_stat(fs,J(p),&s)<0){ printf("  dir chain as intermediate component: first fail at %d errno %s\n",i,EN(errno)); bad=1;break;} } if(!bad) printf("  dir chain as intermediate component: up to 50 resolve\n"); }
  glfs_mkdir(fs,J("s/sub"),0755); mk("s/x2","rel",3);
  glfs_symlink(fs,"../x2",J("s/sub/up"));
  readall("s/sub/up (../x2)",J("s/sub/up"));
  glfs_symlink(fs,"../../../../../../../../s",J("s/sub/deepup"));
  P("stat symlink ../../../../../../../.. beyond root", ({struct stat s; glfs_stat(fs,J("s/sub/deepup"),&s);}));
  { char t[256]; snprintf(t,sizeof t,"%s/s/f",T); glfs_symlink(fs,t,J("s/abs")); readall("absolute target",J("s/abs")); }
  P("symlink with empty target", glfs_symlink(fs,"",J("s/empty")));
  P("stat empty-target symlink", ({struct stat s; glfs_stat(fs,J("s/empty"),&s);}));
  P("readlink empty-target symlink", glfs_readlink(fs,J("s/empty"),b,100));
  { char t[4200]; memset(t,'a',4095); t[4095]=0; P("symlink target 4095 chars", glfs_symlink(fs,t,J("s/t4095"))); 
    memset(t,'a',4096); t[4096]=0; P("symlink target 4096 chars", glfs_symlink(fs,t,J("s/t4096"))); P("readlink 4096-target", glfs_readlink(fs,J("s/t4096"),b,sizeof b));}
  P("symlink trailing slash linkpath 'ts/'", glfs_symlink(fs,"f",J("s/ts/")));
  P("lstat 'l/' (trailing slash on symlink to file)", ({struct stat s; glfs_lstat(fs,J("s/l/"),&s);}));
}

static void s11(void){
  printf("\n## 11 name limits\n"); char n[300], p[9000];
  glfs_mkdir(fs,J("nm"),0755);
  memset(n,'a',255); n[255]=0; snprintf(p,sizeof p,"nm/%s",n);
  P("mkdir 255-char name", glfs_mkdir(fs,J(p),0755));
  P("stat 255", ({struct stat s; glfs_stat(fs,J(p),&s);}));
  memset(n,'b',255); n[255]=0; snprintf(p,sizeof p,"nm/%s",n); PF("creat 255", glfs_creat(fs,J(p),O_RDWR,0644));
  memset(n,'c',256); n[256]=0; snprintf(p,sizeof p,"nm/%s",n);
  P("mkdir 256-char name", glfs_mkdir(fs,J(p),0755));
  PF("creat 256", glfs_creat(fs,J(p),O_RDWR,0644));
  P("stat 256 (missing)", ({struct stat s; glfs_stat(fs,J(p),&s);}));
  P("symlink 256 name", glfs_symlink(fs,"x",J(p)));
  { char u[600]; memset(u,0,sizeof u); for(int i=0;i<128;i++){ u[2*i]=(char)0xc3; u[2*i+1]=(char)0xa9;} snprintf(p,sizeof p,"nm/%.254s",u); P("mkdir 127x 'é' (254 bytes)", glfs_mkdir(fs,J(p),0755)); snprintf(p,sizeof p,"nm/%.256s",u); P("mkdir 128x 'é' (256 bytes, 128 chars)", glfs_mkdir(fs,J(p),0755)); }
  // deep path length
  { strcpy(p,T); strcat(p,"/nm"); int depth=0; memset(n,'d',200); n[200]=0; long r=0; 
    while(strlen(p)+201 < 8500){ strcat(p,"/"); strcat(p,n); r=glfs_mkdir(fs,p,0755); depth++; if(r<0){ printf("  deep mkdir fails at path len %zu (depth %d): %s\n",strlen(p),depth,EN(errno)); break;} }
    if(r==0) printf("  deep mkdir ok up to path len %zu\n",strlen(p));
    // find boundary exactly: stat with padding
    char q[9000]; for(size_t L=4090; L<=4100; L++){ snprintf(q,sizeof q,"%s",T); strcat(q,"/nm"); while(strlen(q)<L) strcat(q,"/"); if(strlen(q)>L) q[L]=0; struct stat s; errno=0; int rr=glfs_stat(fs,q,&s); printf("  stat path of len %zu (slashes padding) -> %d %s\n",strlen(q),rr,rr<0?EN(errno):"-"); }
  }
  P("mkdir name with \\n", glfs_mkdir(fs,J("nm/a\nb"),0755));
  P("mkdir name non-UTF8 \\xff\\xfe", glfs_mkdir(fs,J("nm/\xff\xfe"),0755));
  P("mkdir name with \\x01", glfs_mkdir(fs,J("nm/\x01x"),0755));
  P("mkdir name with backslash", glfs_mkdir(fs,J("nm/a\\b"),0755));
  P("mkdir name ':'", glfs_mkdir(fs,J("nm/a:b"),0755));
  P("mkdir '.glusterfs' at root", glfs_mkdir(fs,"/.glusterfs",0755));
  P("stat '/.glusterfs'", ({struct stat s; glfs_stat(fs,"/.glusterfs",&s);}));
  P("mkdir '/.trashcan'", glfs_mkdir(fs,"/.trashcan",0755));
  P("stat '/.trashcan'", ({struct stat s; glfs_stat(fs,"/.trashcan",&s);}));
  P("mkdir 'T/.glusterfs' (non-root)", glfs_mkdir(fs,J(".glusterfs"),0755));
  P("stat '/.gfid/00000000-0000-0000-0000-000000000001'", ({struct stat s; glfs_stat(fs,"/.gfid/00000000-0000-0000-0000-000000000001",&s);}));
}

static void s12(void){
  printf("\n## 12 xattrs\n"); char b[2<<20]; const char *f=J("xa");
  mk("xa","",0);
  { long long n=glfs_listxattr(fs,f,b,sizeof b); printf("  listxattr fresh file -> %lld: ",n); for(long long i=0;i<n;i+=strlen(b+i)+1) printf("[%s] ",b+i); printf("\n"); }
  { long long n=glfs_listxattr(fs,"/",b,sizeof b); printf("  listxattr '/' -> %lld: ",n); for(long long i=0;i<n;i+=strlen(b+i)+1) printf("[%s] ",b+i); printf("\n"); }
  P("listxattr size 0", glfs_listxattr(fs,f,NULL,0));
  P("setxattr user.a flags 0", glfs_setxattr(fs,f,"user.a","v1",2,0));
  P("setxattr user.a XATTR_CREATE on existing", glfs_setxattr(fs,f,"user.a","v2",2,XATTR_CREATE));
  P("setxattr user.b XATTR_REPLACE on missing", glfs_setxattr(fs,f,"user.b","v2",2,XATTR_REPLACE));
  P("setxattr user.a XATTR_REPLACE on existing", glfs_setxattr(fs,f,"user.a","v3",2,XATTR_REPLACE));
  P("setxattr user.c flags 3 (missing)", glfs_setxattr(fs,f,"user.c","v",1,3));
  P("setxattr user.a flags 3 (existing)", glfs_setxattr(fs,f,"user.a","v",1,3));
  P("setxattr user.d flags 4", glfs_setxattr(fs,f,"user.d","v",1,4));
  P("getxattr missing key", glfs_getxattr(fs,f,"user.zz",b,100));
  P("getxattr size 0 (user.a='v3')", glfs_getxattr(fs,f,"user.a",NULL,0));
  P("getxattr buf too small (1)", glfs_getxattr(fs,f,"user.a",b,1));
  P("listxattr buf too small (1)", glfs_listxattr(fs,f,b,1));
  P("setxattr 'foo' (no namespace)", glfs_setxattr(fs,f,"foo","v",1,0));
  P("getxattr 'foo'", glfs_getxattr(fs,f,"foo",b,100));
  P("setxattr 'user.' (empty after ns)", glfs_setxattr(fs,f,"user.","v",1,0));
  P("setxattr '' name", glfs_setxattr(fs,f,"","v",1,0));
  P("setxattr trusted.x", glfs_setxattr(fs,f,"trusted.x","v",1,0));
  P("setxattr security.x", glfs_setxattr(fs,f,"security.x","v",1,0));
  P("setxattr system.x", glfs_setxattr(fs,f,"system.x","v",1,0));
  P("setxattr system.posix_acl_access garbage", glfs_setxattr(fs,f,"system.posix_acl_access","v",1,0));
  P("setxattr trusted.glusterfs.x", glfs_setxattr(fs,f,"trusted.glusterfs.x","v",1,0));
  P("setxattr trusted.glusterfs.volume-id", glfs_setxattr(fs,f,"trusted.glusterfs.volume-id","v",1,0));
  P("setxattr trusted.gfid", glfs_setxattr(fs,f,"trusted.gfid","0123456789abcdef",16,0));
  P("setxattr trusted.gfid2path.x", glfs_setxattr(fs,f,"trusted.gfid2path.x","v",1,0));
  P("setxattr trusted.afr.x", glfs_setxattr(fs,f,"trusted.afr.x","v",1,0));
  P("setxattr trusted.pgfid.x", glfs_setxattr(fs,f,"trusted.pgfid.x","v",1,0));
  P("setxattr glusterfs.x", glfs_setxattr(fs,f,"glusterfs.x","v",1,0));
  P("setxattr user.glusterfs.x", glfs_setxattr(fs,f,"user.glusterfs.x","v",1,0));
  P("getxattr trusted.gfid", glfs_getxattr(fs,f,"trusted.gfid",b,100));
  P("getxattr glusterfs.gfid.string", ({long long n=glfs_getxattr(fs,f,"glusterfs.gfid.string",b,100); if(n>0) printf("  = %.*s\n",(int)n,b); n;}));
  P("getxattr trusted.glusterfs.pathinfo", ({long long n=glfs_getxattr(fs,f,"trusted.glusterfs.pathinfo",b,1000); if(n>0) printf("  = %.*s\n",(int)n,b); n;}));
  P("getxattr glusterfs.pathinfo", ({long long n=glfs_getxattr(fs,f,"glusterfs.pathinfo",b,1000); if(n>0) printf("  = %.*s\n",(int)n,b); n;}));
  P("getxattr security.selinux", glfs_getxattr(fs,f,"security.selinux",b,100));
  P("getxattr system.posix_acl_access", glfs_getxattr(fs,f,"system.posix_acl_access",b,100));
  P("setxattr user.e value 0 bytes", glfs_setxattr(fs,f,"user.e","",0,0));
  P("getxattr user.e (0-byte)", glfs_getxattr(fs,f,"user.e",b,100));
  P("setxattr user.nullv NULL value size 0", glfs_setxattr(fs,f,"user.nullv",NULL,0,0));
  memset(b,'v',sizeof b);
  P("setxattr value 4000", glfs_setxattr(fs,f,"user.v4k",b,4000,0));
  P("setxattr value 4096", glfs_setxattr(fs,f,"user.v4096",b,4096,0));
  P("setxattr value 8192", glfs_setxattr(fs,f,"user.v8k",b,8192,0));
  P("setxattr value 65536", glfs_setxattr(fs,f,"user.v64k",b,65536,0));
  P("setxattr value 65537", glfs_setxattr(fs,f,"user.v64k1",b,65537,0));
  P("setxattr value 1 MiB", glfs_setxattr(fs,f,"user.v1m",b,1<<20,0));
  P("getxattr value 64k size", glfs_getxattr(fs,f,"user.v64k",NULL,0));
  { char n[300]; memset(n,'n',300); memcpy(n,"user.",5); n[255]=0; P("setxattr name 255 chars", glfs_setxattr(fs,f,n,"v",1,0)); n[255]='n'; n[256]=0; P("setxattr name 256 chars", glfs_setxattr(fs,f,n,"v",1,0)); P("getxattr name 256 chars", glfs_getxattr(fs,f,n,b,10)); }
  { long long n=glfs_listxattr(fs,f,b,sizeof b); printf("  listxattr after -> %lld: ",n); for(long long i=0;i<n;i+=strlen(b+i)+1) printf("[%.40s] ",b+i); printf("\n"); }
  P("removexattr missing", glfs_removexattr(fs,f,"user.zz"));
  P("removexattr user.a", glfs_removexattr(fs,f,"user.a"));
  P("removexattr trusted.gfid", glfs_removexattr(fs,f,"trusted.gfid"));
  P("removexattr 'foo'", glfs_removexattr(fs,f,"foo"));
  P("getxattr on missing file", glfs_getxattr(fs,J("nope"),"user.a",b,10));
  glfs_symlink(fs,"xa",J("xl"));
  P("lsetxattr user.s on symlink", glfs_lsetxattr(fs,J("xl"),"user.s","v",1,0));
  P("lsetxattr trusted.s on symlink", glfs_lsetxattr(fs,J("xl"),"trusted.s","v",1,0));
  P("lgetxattr trusted.s on symlink", glfs_lgetxattr(fs,J("xl"),"trusted.s",b,10));
  P("setxattr (follow) user.f via symlink", glfs_setxattr(fs,J("xl"),"user.f","v",1,0));
  P("getxattr user.f on target", glfs_getxattr(fs,f,"user.f",b,10));
  P("llistxattr symlink", ({long long n=glfs_llistxattr(fs,J("xl"),b,sizeof b); printf("  -> "); for(long long i=0;i<n && n>0;i+=strlen(b+i)+1) printf("[%.40s] ",b+i); printf("\n"); n;}));
  { glfs_fd_t *r=glfs_open(fs,f,O_RDONLY); P("fsetxattr on O_RDONLY fd", glfs_fsetxattr(r,"user.ro","v",1,0)); P("fgetxattr", glfs_fgetxattr(r,"user.ro",b,10)); P("fremovexattr on O_RDONLY", glfs_fremovexattr(r,"user.ro")); glfs_close(r);} 
  P("setxattr on dir user.x", glfs_setxattr(fs,J("d1"),"user.x","v",1,0));
  P("setxattr on '/' user.x", glfs_setxattr(fs,"/","user.rootx","v",1,0)); glfs_removexattr(fs,"/","user.rootx");
  glfs_mknod(fs,J("xfifo"),S_IFIFO|0644,0); P("setxattr user.x on fifo", glfs_setxattr(fs,J("xfifo"),"user.x","v",1,0));
}

static void s13(void){
  printf("\n## 13 permissions (setfsuid)\n"); char b[16];
  glfs_mkdir(fs,J("pm"),0755); mk("pm/f600","secret",6); glfs_chmod(fs,J("pm/f600"),0600);
  mk("pm/f000","zero",4); glfs_chmod(fs,J("pm/f000"),0);
  glfs_mkdir(fs,J("pm/st"),0777); glfs_chmod(fs,J("pm/st"),01777); mk("pm/st/rootf","",0);
  glfs_mkdir(fs,J("pm/w"),0777); glfs_chmod(fs,J("pm/w"),0777); mk("pm/w/rootf","",0);
  mk("pm/f644","",0);
  PF("root open 0000 file O_RDONLY", glfs_open(fs,J("pm/f000"),O_RDONLY));
  PF("root open 0000 file O_RDWR", glfs_open(fs,J("pm/f000"),O_RDWR));
  P("root access F_OK", glfs_access(fs,J("pm/f000"),F_OK)); P("root access R_OK 0000", glfs_access(fs,J("pm/f000"),R_OK)); P("root access W_OK 0000", glfs_access(fs,J("pm/f000"),W_OK)); P("root access X_OK 0000 file", glfs_access(fs,J("pm/f000"),X_OK));
  P("root access X_OK 0755 dir", glfs_access(fs,J("pm"),X_OK));
  P("root access missing", glfs_access(fs,J("pm/nope"),F_OK));
  P("access mode 0x10 invalid", glfs_access(fs,J("pm/f644"),0x10));
  P("setfsuid(1000)", glfs_setfsuid(1000)); P("setfsgid(1000)", glfs_setfsgid(1000));
  P("setfsuid(1000) again returns?", glfs_setfsuid(1000));
  PF("uid1000 creat in root 0755 dir", glfs_creat(fs,J("pm/u"),O_RDWR,0644));
  P("uid1000 mkdir in root 0755 dir", glfs_mkdir(fs,J("pm/ud"),0755));
  PF("uid1000 open root 0600 O_RDONLY", glfs_open(fs,J("pm/f600"),O_RDONLY));
  PF("uid1000 open root 0644 O_RDONLY", glfs_open(fs,J("pm/f644"),O_RDONLY));
  PF("uid1000 open root 0644 O_WRONLY", glfs_open(fs,J("pm/f644"),O_WRONLY));
  P("uid1000 stat root 0600", ({struct stat s; glfs_stat(fs,J("pm/f600"),&s);}));
  P("uid1000 chmod root's file", glfs_chmod(fs,J("pm/f644"),0666));
  P("uid1000 chown root's file to 1000", glfs_chown(fs,J("pm/f644"),1000,1000));
  P("uid1000 chown -1,-1 root's file", glfs_chown(fs,J("pm/f644"),-1,-1));
  P("uid1000 utimens root's file explicit", ({struct timespec t[2]={{1,0},{1,0}}; glfs_utimens(fs,J("pm/f644"),t);}));
  if(getenv("CRASH")) P("uid1000 utimens root's file NULL(now)", glfs_utimens(fs,J("pm/f644"),NULL));
  P("uid1000 setxattr user.x on root 0644 file", glfs_setxattr(fs,J("pm/f644"),"user.x","v",1,0));
  P("uid1000 getxattr user.x 0600 file", glfs_getxattr(fs,J("pm/f600"),"user.x",b,10));
  P("uid1000 truncate root 0644", glfs_truncate(fs,J("pm/f644"),0));
  P("uid1000 unlink root file in 0755 dir", glfs_unlink(fs,J("pm/f644")));
  P("uid1000 unlink root file in sticky 1777 dir", glfs_unlink(fs,J("pm/st/rootf")));
  P("uid1000 unlink root file in 0777 (non-sticky) dir", glfs_unlink(fs,J("pm/w/rootf")));
  PF("uid1000 creat own file in sticky dir", glfs_creat(fs,J("pm/st/mine"),O_RDWR,0644));
  st("mine (owner?)",J("pm/st/mine"));
  P("uid1000 chmod own file 04755 (setuid)", glfs_chmod(fs,J("pm/st/mine"),04755));
  P("uid1000 chmod own file 02755 (setgid, gid 1000 member)", glfs_chmod(fs,J("pm/st/mine"),02755)); st("mine",J("pm/st/mine"));
  P("uid1000 chown own file to gid 0 (not member)", glfs_chown(fs,J("pm/st/mine"),-1,0));
  P("uid1000 chown own file to uid 0", glfs_chown(fs,J("pm/st/mine"),0,-1));
  P("uid1000 chown own file -1,-1", glfs_chown(fs,J("pm/st/mine"),-1,-1));
  P("uid1000 unlink own file in sticky dir", glfs_unlink(fs,J("pm/st/mine")));
  P("uid1000 access R_OK 0600 root", glfs_access(fs,J("pm/f600"),R_OK));
  P("uid1000 access W_OK 0644 root (pm/w)", glfs_access(fs,J("pm/f000"),W_OK));
  P("uid1000 access F_OK 0600", glfs_access(fs,J("pm/f600"),F_OK));
  P("uid1000 access X_OK dir 0755", glfs_access(fs,J("pm"),X_OK));
  P("uid1000 access W_OK dir 0755", glfs_access(fs,J("pm"),W_OK));
  glfs_fd_t *d=glfs_opendir(fs,J("pm")); printf("  uid1000 opendir 0755 root dir -> %s\n",d?"ok":EN(errno)); if(d) glfs_closedir(d);
  P("uid1000 setfsuid(0) back", glfs_setfsuid(0)); glfs_setfsgid(0);
  PF("root open 0600 again", glfs_open(fs,J("pm/f600"),O_RDONLY));
  // setgroups
  P("setfsuid(1000)", glfs_setfsuid(1000)); glfs_setfsgid(1000);
  glfs_mkdir(fs,J("pm/g"),0); // fails as uid 1000
  glfs_setfsuid(0); glfs_setfsgid(0);
  glfs_mkdir(fs,J("pm/gd"),0770); glfs_chown(fs,J("pm/gd"),0,2000);
  glfs_setfsuid(1000); glfs_setfsgid(1000);
  PF("uid1000 creat in 0770 root:2000 dir (no group)", glfs_creat(fs,J("pm/gd/x"),O_RDWR,0644));
  { gid_t g[1]={2000}; P("glfs_setfsgroups([2000])", glfs_setfsgroups(1,g)); }
  PF("uid1000 w/ supplementary 2000 creat", glfs_creat(fs,J("pm/gd/x"),O_RDWR,0644)); st("pm/gd/x",J("pm/gd/x"));
  glfs_setfsgroups(0,NULL); glfs_setfsuid(0); glfs_setfsgid(0);
}

static void pt(const char*l,const char*p){ struct stat s; if(glfs_stat(fs,p,&s)==0) printf("  %s: atime=%ld.%09ld mtime=%ld.%09ld ctime=%ld.%09ld mode=%o uid=%u gid=%u\n",l,s.st_atim.tv_sec,s.st_atim.tv_nsec,s.st_mtim.tv_sec,s.st_mtim.tv_nsec,s.st_ctim.tv_sec,s.st_ctim.tv_nsec,s.st_mode,s.st_uid,s.st_gid); else printf("  %s: stat %s\n",l,EN(errno)); fflush(stdout);}
static void s14(void){
  printf("\n## 14 chmod/chown\n"); mk("cm","abc",3);
  pt("cm",J("cm")); usleep(1100000);
  P("chmod 0170777 (type bits)", glfs_chmod(fs,J("cm"),0170777)); pt("cm after",J("cm"));
  P("chmod 07777", glfs_chmod(fs,J("cm"),07777)); pt("cm",J("cm"));
  P("chmod 0644", glfs_chmod(fs,J("cm"),0644));
  P("chown -1,-1", glfs_chown(fs,J("cm"),-1,-1)); pt("cm",J("cm"));
  P("chown 1000,1000", glfs_chown(fs,J("cm"),1000,1000)); pt("cm",J("cm"));
  P("chown 4294967294,-1", glfs_chown(fs,J("cm"),4294967294u,-1)); pt("cm",J("cm"));
  P("chown 0,0", glfs_chown(fs,J("cm"),0,0));
  P("chmod missing", glfs_chmod(fs,J("nope"),0644));
  glfs_symlink(fs,"cm",J("cml"));
  P("chmod via symlink (follows)", glfs_chmod(fs,J("cml"),0600)); pt("cm",J("cm"));
  P("lchown symlink 1000", glfs_lchown(fs,J("cml"),1000,1000)); { struct stat s; glfs_lstat(fs,J("cml"),&s); printf("  lstat cml uid=%u; ",s.st_uid); glfs_stat(fs,J("cml"),&s); printf("target uid=%u\n",s.st_uid);} 
  // setuid cleared on write by non-owner
  mk("su","abc",3); glfs_chmod(fs,J("su"),06777); pt("su before",J("su"));
  glfs_setfsuid(1000); glfs_setfsgid(1000);
  { glfs_fd_t *f=glfs_open(fs,J("su"),O_WRONLY); P("uid1000 write to 06777 root file", f?glfs_write(f,"x",1,0):-1); if(f) glfs_close(f);} 
  glfs_setfsuid(0); glfs_setfsgid(0); pt("su after non-owner write",J("su"));
  glfs_chmod(fs,J("su"),06777); { glfs_fd_t *f=glfs_open(fs,J("su"),O_WRONLY); glfs_write(f,"x",1,0); glfs_close(f);} pt("su after root write",J("su"));
  glfs_chown(fs,J("su"),1000,1000); glfs_chmod(fs,J("su"),06755); pt("su owned 1000 06755",J("su"));
  P("root chown su 1000->1000 (same)", glfs_chown(fs,J("su"),1000,1000)); pt("su after chown",J("su"));
  glfs_chmod(fs,J("su"),06755); P("root truncate su", glfs_truncate(fs,J("su"),1)); pt("su after truncate",J("su"));
  { glfs_fd_t *f=glfs_open(fs,J("cm"),O_RDWR); P("fchmod", glfs_fchmod(f,0640)); P("fchown", glfs_fchown(f,1,1)); glfs_close(f); pt("cm",J("cm"));}
}

static void s15(void){
  printf("\n## 15 timestamps\n"); mk("ts","abc",3); char b[8];
  struct timespec t[2];
  t[0]=(struct timespec){1000000000,123456789}; t[1]=(struct timespec){1000000001,987654321};
  P("utimens ns explicit", glfs_utimens(fs,J("ts"),t)); pt("ts",J("ts"));
  t[0]=(struct timespec){0,0}; t[1]=(struct timespec){0,0}; P("utimens epoch 0", glfs_utimens(fs,J("ts"),t)); pt("ts",J("ts"));
  t[0]=(struct timespec){2147483648LL,1}; t[1]=(struct timespec){4102444800LL,5}; P("utimens 2038+ / 2100", glfs_utimens(fs,J("ts"),t)); pt("ts",J("ts"));
  t[0]=(struct timespec){-1,0}; t[1]=(struct timespec){-86400,500}; P("utimens negative (-1, -86400)", glfs_utimens(fs,J("ts"),t)); pt("ts",J("ts"));
  t[0]=(struct timespec){1,1000000000}; t[1]=(struct timespec){1,0}; P("utimens nsec=1e9 (invalid)", glfs_utimens(fs,J("ts"),t)); pt("ts",J("ts"));
  t[0]=(struct timespec){1,-1}; P("utimens nsec=-1", glfs_utimens(fs,J("ts"),t));
  t[0]=(struct timespec){5,5}; t[1]=(struct timespec){6,6}; glfs_utimens(fs,J("ts"),t);
  t[0]=(struct timespec){0,UTIME_OMIT}; t[1]=(struct timespec){0,UTIME_NOW}; P("utimens OMIT/NOW", glfs_utimens(fs,J("ts"),t)); pt("ts",J("ts"));
  t[0]=(struct timespec){0,UTIME_NOW}; t[1]=(struct timespec){0,UTIME_OMIT}; P("utimens NOW/OMIT", glfs_utimens(fs,J("ts"),t)); pt("ts",J("ts"));
  t[0]=(struct timespec){0,UTIME_OMIT}; t[1]=(struct timespec){0,UTIME_OMIT}; P("utimens OMIT/OMIT", glfs_utimens(fs,J("ts"),t)); pt("ts",J("ts"));
  if(getenv("CRASH")) P("utimens NULL", glfs_utimens(fs,J("ts"),NULL)); pt("ts",J("ts"));
  P("utimens missing", glfs_utimens(fs,J("nope"),t));
  t[0]=(struct timespec){7,7}; t[1]=(struct timespec){8,8};
  glfs_symlink(fs,"ts",J("tsl")); P("lutimens symlink", glfs_lutimens(fs,J("tsl"),t)); { struct stat s; glfs_lstat(fs,J("tsl"),&s); printf("  lstat tsl mtime=%ld.%09ld\n",s.st_mtim.tv_sec,s.st_mtim.tv_nsec);} pt("ts (target)",J("ts"));
  { glfs_fd_t *f=glfs_open(fs,J("ts"),O_RDWR); P("futimens", glfs_futimens(f,t)); pt("ts",J("ts")); glfs_close(f);} 
  t[0]=(struct timespec){5,0}; t[1]=(struct timespec){5,0}; glfs_utimens(fs,J("ts"),t); pt("ts set 5",J("ts"));
  { glfs_fd_t *f=glfs_open(fs,J("ts"),O_RDWR); glfs_write(f,"x",1,0); pt("after write",J("ts")); glfs_utimens(fs,J("ts"),t); usleep(20000);
    glfs_pread(f,b,2,0,0,NULL); pt("after read",J("ts")); glfs_utimens(fs,J("ts"),t); usleep(20000);
    glfs_ftruncate(f,1,NULL,NULL); pt("after ftruncate",J("ts")); glfs_utimens(fs,J("ts"),t);
    glfs_ftruncate(f,1,NULL,NULL); pt("after ftruncate same size",J("ts")); glfs_utimens(fs,J("ts"),t);
    glfs_write(f,"",0,0); pt("after 0-byte write",J("ts")); glfs_close(f); }
  glfs_mkdir(fs,J("tdir"),0755); glfs_utimens(fs,J("tdir"),t); pt("tdir set 5",J("tdir"));
  mk("tdir/x","",0); pt("tdir after create",J("tdir")); glfs_utimens(fs,J("tdir"),t);
  glfs_unlink(fs,J("tdir/x")); pt("tdir after unlink",J("tdir")); glfs_utimens(fs,J("tdir"),t);
  { glfs_fd_t *d=glfs_opendir(fs,J("tdir")); while(glfs_readdir(d)); glfs_closedir(d);} pt("tdir after readdir",J("tdir"));
  mk("tdir/y","",0); glfs_utimens(fs,J("tdir"),t); glfs_rename(fs,J("tdir/y"),J("tdir/z")); pt("tdir after rename inside",J("tdir"));
  pt("tdir/z after rename (ctime?)",J("tdir/z"));
  mk("at","abc",3); t[0]=(struct timespec){1000,0}; t[1]=(struct timespec){2000,0}; glfs_utimens(fs,J("at"),t);
  readall("at",J("at")); pt("at (atime<mtime, after read)",J("at"));
  t[0]=(struct timespec){time(NULL)-100000,0}; t[1]=(struct timespec){time(NULL)-100000,0}; glfs_utimens(fs,J("at"),t);
  readall("at",J("at")); pt("at (old atime, after read)",J("at"));
}

static void s16(void){
  printf("\n## 16 stat/statvfs\n"); mk("one","x",1); st("one-byte file",J("one")); st("'/'","/"); st("T dir",T);
  struct stat a,b; glfs_stat(fs,"/",&a); glfs_lstat(fs,"/..",&b); printf("  '/..' ino=%llu\n",(unsigned long long)b.st_ino);
  struct statvfs v; P("statvfs '/'", glfs_statvfs(fs,"/",&v));
  printf("  f_bsize=%lu f_frsize=%lu f_blocks=%llu f_bfree=%llu f_bavail=%llu f_files=%llu f_ffree=%llu f_favail=%llu f_fsid=%lu f_flag=%lu f_namemax=%lu\n",v.f_bsize,v.f_frsize,(unsigned long long)v.f_blocks,(unsigned long long)v.f_bfree,(unsigned long long)v.f_bavail,(unsigned long long)v.f_files,(unsigned long long)v.f_ffree,(unsigned long long)v.f_favail,v.f_fsid,v.f_flag,v.f_namemax);
  P("statvfs missing", glfs_statvfs(fs,J("nope"),&v));
  P("statvfs on file", glfs_statvfs(fs,J("one"),&v));
  P("stat missing", glfs_stat(fs,J("nope"),&a));
  P("stat file/x (ENOTDIR?)", glfs_stat(fs,J("one/x"),&a));
  P("stat missing/x", glfs_stat(fs,J("nope/x"),&a));
  { glfs_fd_t *f=glfs_open(fs,J("one"),O_RDONLY); glfs_stat(fs,J("one"),&a); glfs_fstat(f,&b); printf("  stat vs fstat ino equal=%d dev equal=%d\n",a.st_ino==b.st_ino,a.st_dev==b.st_dev); glfs_close(f);} 
  mk("blk","",0); { glfs_fd_t *f=glfs_open(fs,J("blk"),O_RDWR); char z[5000]; memset(z,1,5000); glfs_write(f,z,4097,0); glfs_close(f); st("4097-byte file",J("blk")); }
}

static void s17(void){
  printf("\n## 17 mknod\n");
  P("mknod S_IFIFO", glfs_mknod(fs,J("n_fifo"),S_IFIFO|0644,0)); st("fifo",J("n_fifo"));
  P("mknod S_IFCHR 1,3", glfs_mknod(fs,J("n_chr"),S_IFCHR|0644,makedev(1,3))); { struct stat s; glfs_stat(fs,J("n_chr"),&s); printf("  chr mode=%o rdev=%lu (%u,%u)\n",s.st_mode,(unsigned long)s.st_rdev,major(s.st_rdev),minor(s.st_rdev)); }
  P("mknod S_IFBLK 7,0", glfs_mknod(fs,J("n_blk"),S_IFBLK|0644,makedev(7,0)));
  P("mknod S_IFREG", glfs_mknod(fs,J("n_reg"),S_IFREG|0644,0)); st("reg",J("n_reg"));
  P("mknod S_IFSOCK", glfs_mknod(fs,J("n_sock"),S_IFSOCK|0644,0)); st("sock",J("n_sock"));
  P("mknod type 0", glfs_mknod(fs,J("n_zero"),0644,0)); st("n_zero",J("n_zero"));
  P("mknod S_IFDIR", glfs_mknod(fs,J("n_dir"),S_IFDIR|0755,0)); st("n_dir",J("n_dir"));
  P("mknod S_IFLNK", glfs_mknod(fs,J("n_lnk"),S_IFLNK|0755,0)); st("n_lnk",J("n_lnk"));
  P("mknod existing", glfs_mknod(fs,J("n_fifo"),S_IFIFO|0644,0));
  P("mknod parent missing", glfs_mknod(fs,J("nodir/x"),S_IFIFO|0644,0));
  PF("open fifo O_RDONLY|O_NONBLOCK", glfs_open(fs,J("n_fifo"),O_RDONLY|O_NONBLOCK));
  { glfs_fd_t *f=glfs_open(fs,J("n_chr"),O_RDWR); printf("%-60s | %s | %s\n","open chr dev O_RDWR",f?"fd":"NULL",f?"-":EN(errno)); if(f){ char b[4]; P("  read chr (1,3 => /dev/null on brick?)", glfs_read(f,b,4,0)); P("  write chr", glfs_write(f,"abc",3,0)); glfs_close(f);} }
  glfs_setfsuid(1000); glfs_setfsgid(1000); glfs_mkdir(fs,J("n_u"),0777); glfs_setfsuid(0); glfs_chmod(fs,J("n_u"),0777); glfs_setfsuid(1000);
  P("uid1000 mknod S_IFCHR", glfs_mknod(fs,J("n_u/c"),S_IFCHR|0644,makedev(1,3)));
  P("uid1000 mknod S_IFIFO", glfs_mknod(fs,J("n_u/p"),S_IFIFO|0644,0));
  glfs_setfsuid(0); glfs_setfsgid(0);
}

static void s18(void){
  printf("\n## 18 chdir/getcwd\n"); char b[8192];
  P("getcwd initial", ({long long r=glfs_getcwd(fs,b,sizeof b); printf("  cwd=[%s]\n",r?b:""); r;}));
  P("chdir file", glfs_chdir(fs,J("f1")));
  P("chdir missing", glfs_chdir(fs,J("nope")));
  P("chdir ''", glfs_chdir(fs,""));
  P("chdir T", glfs_chdir(fs,T));
  P("getcwd", ({long long r=glfs_getcwd(fs,b,sizeof b); printf("  cwd=[%s]\n",r?b:""); r;}));
  P("getcwd size 1", glfs_getcwd(fs,b,1));
  P("getcwd size 0", glfs_getcwd(fs,b,0));
  P("getcwd size strlen(T) (no room NUL)", glfs_getcwd(fs,b,strlen(T)));
  P("getcwd size strlen(T)+1", glfs_getcwd(fs,b,strlen(T)+1));
  P("getcwd NULL buf", glfs_getcwd(fs,NULL,100));
  { struct stat s; P("stat relative 'f1' after chdir", glfs_stat(fs,"f1",&s)); }
  PF("open relative 'f1'", glfs_open(fs,"f1",O_RDONLY));
  P("mkdir relative 'reld'", glfs_mkdir(fs,"reld",0755)); st("T/reld",J("reld"));
  P("chdir 'reld' relative", glfs_chdir(fs,"reld"));
  P("getcwd", ({long long r=glfs_getcwd(fs,b,sizeof b); printf("  cwd=[%s]\n",r?b:""); r;}));
  P("chdir '..'", glfs_chdir(fs,".."));
  P("getcwd", ({long long r=glfs_getcwd(fs,b,sizeof b); printf("  cwd=[%s]\n",r?b:""); r;}));
  glfs_symlink(fs,"reld",J("reldl"));
  P("chdir symlinked dir 'reldl'", glfs_chdir(fs,"reldl"));
  P("getcwd after chdir via symlink", ({long long r=glfs_getcwd(fs,b,sizeof b); printf("  cwd=[%s]\n",r?b:""); r;}));
  P("chdir '..' from symlinked", glfs_chdir(fs,".."));
  P("getcwd", ({long long r=glfs_getcwd(fs,b,sizeof b); printf("  cwd=[%s]\n",r?b:""); r;}));
  glfs_mkdir(fs,J("gone"),0755); glfs_chdir(fs,J("gone")); glfs_rmdir(fs,J("gone"));
  P("getcwd after cwd removed", ({long long r=glfs_getcwd(fs,b,sizeof b); printf("  cwd=[%s]\n",r?b:""); r;}));
  P("mkdir relative in removed cwd", glfs_mkdir(fs,"x",0755));
  { glfs_fd_t *d=glfs_opendir(fs,J("reld")); P("fchdir", glfs_fchdir(d)); glfs_closedir(d); P("getcwd after fchdir", ({long long r=glfs_getcwd(fs,b,sizeof b); printf("  cwd=[%s]\n",r?b:""); r;})); }
  glfs_chdir(fs,"/");
}

static void s19(void){
  printf("\n## 19 unlink/rename open file\n"); char b[16]={0};
  mk("uo","data",4); glfs_fd_t *f=glfs_open(fs,J("uo"),O_RDWR);
  P("unlink open file", glfs_unlink(fs,J("uo")));
  P("read via fd after unlink", glfs_pread(f,b,4,0,0,NULL)); printf("  [%s]\n",b);
  P("write via fd after unlink", glfs_pwrite(f,"XY",2,4,0,NULL,NULL));
  fst("after unlink",f);
  P("ftruncate after unlink", glfs_ftruncate(f,2,NULL,NULL));
  P("fsetxattr after unlink", glfs_fsetxattr(f,"user.z","v",1,0));
  P("close", glfs_close(f));
  mk("ro","data",4); f=glfs_open(fs,J("ro"),O_RDWR);
  P("rename open file", glfs_rename(fs,J("ro"),J("ro2")));
  P("write via fd after rename", glfs_pwrite(f,"ZZ",2,0,0,NULL,NULL)); fst("after rename",f);
  glfs_close(f); readall("ro2",J("ro2"));
  mk("ro3","old",3); mk("ro4","new",3); f=glfs_open(fs,J("ro3"),O_RDONLY);
  glfs_rename(fs,J("ro4"),J("ro3")); memset(b,0,16); P("read fd of replaced (rename-over) file", glfs_pread(f,b,3,0,0,NULL)); printf("  [%s]\n",b); glfs_close(f);
  glfs_mkdir(fs,J("od"),0755); mk("od/a","",0); glfs_fd_t *d=glfs_opendir(fs,J("od")); glfs_unlink(fs,J("od/a")); P("rmdir open dir", glfs_rmdir(fs,J("od")));
  { int n=0; struct dirent *x; errno=0; while((x=glfs_readdir(d))) n++; printf("  readdir of removed open dir: %d entries errno %s\n",n,EN(errno)); } glfs_closedir(d);
  P("glfs_close(NULL)?", 0);
}

static void s21(void){
  printf("\n## 21 realpath/normalisation\n"); char b[8192];
  glfs_mkdir(fs,J("rp"),0755); glfs_mkdir(fs,J("rp/a"),0755); mk("rp/a/f","",0); glfs_symlink(fs,"a",J("rp/la"));
  const char *rels[]={"rp/a/../a/f","rp//a///f","rp/./a/./f","rp/a/f/","rp/la/f","rp/la","rp/nope","rp/nope/x","rp/a/f/..",NULL};
  for(int i=0;rels[i];i++){ char n[100]; snprintf(n,sizeof n,"realpath T/%s",rels[i]); char *r=glfs_realpath(fs,J(rels[i]),b); int e=errno; printf("%-60s | %s | %s\n",n,r?r:"NULL",r?"-":EN(e)); }
  const char *abs[]={"/","/..","/../..","//","/.","/./..",".","..","",NULL};
  for(int i=0;abs[i];i++){ char n[100]; snprintf(n,sizeof n,"realpath '%s'",abs[i]); errno=0; char *r=glfs_realpath(fs,abs[i],b); int e=errno; printf("%-60s | %s | %s\n",n,r?r:"NULL",r?"-":EN(e)); }
  { char n[100]; char *r=glfs_realpath(fs,"/",NULL); printf("%-60s | %s\n","realpath('/', NULL) mallocs?",r?r:"NULL"); }
  { char p[300]; struct stat s,r; glfs_stat(fs,"/",&r); snprintf(p,sizeof p,"%s/../../..",T); P("stat T/../../.. ino equals root?", glfs_stat(fs,p,&s)==0? (long long)(s.st_ino==r.st_ino) : -1); }
  P("stat '/..' ", ({struct stat s; glfs_stat(fs,"/..",&s);}));
  P("stat '//'", ({struct stat s; glfs_stat(fs,"//",&s);}));
  glfs_chdir(fs,J("rp/a"));
  { char *r=glfs_realpath(fs,"f",b); printf("%-60s | %s | %s\n","realpath relative 'f' after chdir rp/a",r?r:"NULL",r?"-":EN(errno)); }
  { char *r=glfs_realpath(fs,"../la/./f",b); printf("%-60s | %s | %s\n","realpath '../la/./f'",r?r:"NULL",r?"-":EN(errno)); }
  glfs_chdir(fs,"/");
}

int main(int argc,char**argv){
  if(argc<4){fprintf(stderr,"usage\n");return 2;}
  fs=glfs_new(argv[3]); glfs_set_volfile_server(fs,"tcp",argv[1],atoi(argv[2])); glfs_set_logging(fs,"/dev/null",7);
  if(glfs_init(fs)){ perror("init"); return 1; }
  snprintf(T,sizeof T,"/probe-%d-%ld",getpid(),(long)time(NULL)); glfs_mkdir(fs,T,0755);
  glfs_mkdir(fs,J("d1"),0755); mk("f1","hello",5);
  printf("# top dir %s\n",T);
  for(int i=4;i<argc;i++){ int s=atoi(argv[i]);
    switch(s){case 1:s1();break;case 2:s2();break;case 3:s3();break;case 4:s4();break;case 5:s5();break;case 6:s6();break;case 7:s7();break;case 8:s8();break;case 9:s9();break;case 10:s10();break;case 11:s11();break;case 12:s12();break;case 13:s13();break;case 14:s14();break;case 15:s15();break;case 16:s16();break;case 17:s17();break;case 18:s18();break;case 19:s19();break;case 21:s21();break;} }
  glfs_fini(fs); return 0;
}
