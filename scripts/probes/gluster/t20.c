#define _GNU_SOURCE
#include <glusterfs/api/glfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <dirent.h>
#include <unistd.h>
static const char *EN(int e){ const char *s = strerrorname_np(e); return s? s : "?"; }
static double now(){ struct timespec t; clock_gettime(CLOCK_MONOTONIC,&t); return t.tv_sec*1e3+t.tv_nsec/1e6; }
static int threads(){ int n=0; DIR*d=opendir("/proc/self/task"); struct dirent*e; while((e=readdir(d))) if(e->d_name[0]!='.') n++; closedir(d); return n; }
static long rss(){ FILE*f=fopen("/proc/self/status","r"); char l[256]; long v=0; while(fgets(l,256,f)) if(!strncmp(l,"VmRSS:",6)) v=atol(l+6); fclose(f); return v; }
static glfs_t* mk(const char*h,int port,const char*vol){ glfs_t*fs=glfs_new(vol); glfs_set_volfile_server(fs,"tcp",h,port); glfs_set_logging(fs,"/dev/null",7); return fs; }
int main(int c,char**v){ const char*h=v[1]; int port=atoi(v[2]); const char*vol=v[3]; const char *mode=c>4?v[4]:"all";
 if(!strcmp(mode,"all")||!strcmp(mode,"basic")){
 printf("threads at start: %d, rss %ld kB\n",threads(),rss());
 glfs_t*fs=mk(h,port,vol); printf("threads after glfs_new+set_volfile_server: %d\n",threads());
 double t0=now(); int r=glfs_init(fs); printf("glfs_init -> %d (%.1f ms) threads now %d rss %ld kB\n",r,now()-t0,threads(),rss());
 char id[64]; memset(id,0,64); errno=0; int n=glfs_get_volumeid(fs,id,sizeof id); printf("glfs_get_volumeid(size 64) -> %d: ",n); for(int i=0;i<n&&i<16;i++) printf("%02x",(unsigned char)id[i]); printf("\n");
 errno=0; n=glfs_get_volumeid(fs,NULL,0); printf("glfs_get_volumeid(NULL,0) -> %d %s\n",n,n<0?EN(errno):"-");
 errno=0; n=glfs_get_volumeid(fs,id,8); printf("glfs_get_volumeid(size 8) -> %d %s\n",n,n<0?EN(errno):"-");
 t0=now(); r=glfs_fini(fs); printf("glfs_fini -> %d (%.1f ms) threads after %d rss %ld kB\n",r,now()-t0,threads(),rss());
 usleep(500000); printf("threads 0.5s after fini %d\n",threads());
 }
 if(!strcmp(mode,"all")||!strcmp(mode,"cycles")){
 long r0=rss(); int th0=threads();
 for(int i=0;i<20;i++){ glfs_t*fs=mk(h,port,vol); double t0=now(); int r=glfs_init(fs); double ti=now()-t0; int th=threads(); t0=now(); glfs_fini(fs); double tf=now()-t0;
   printf("cycle %2d: init %d %.1f ms (threads %d) fini %.1f ms threads after %d rss %ld kB\n",i,r,ti,th,tf,threads(),rss()); }
 printf("rss growth over 20 cycles: %ld kB (start %ld), threads start %d end %d\n",rss()-r0,r0,th0,threads());
 }
 if(!strcmp(mode,"all")||!strcmp(mode,"bad")){
 glfs_t*fs=mk(h,port,"novol"); double t0=now(); errno=0; int r=glfs_init(fs); int e=errno; printf("glfs_init unknown volume -> %d %s (%.1f ms)\n",r,EN(e),now()-t0); t0=now(); r=glfs_fini(fs); printf("  fini %d %.1f ms\n",r,now()-t0);
 fs=mk(h,24099,vol); t0=now(); errno=0; r=glfs_init(fs); e=errno; printf("glfs_init wrong port 24099 (RST) -> %d %s (%.1f ms)\n",r,EN(e),now()-t0); t0=now(); r=glfs_fini(fs); printf("  fini %d %.1f ms\n",r,now()-t0);
 fs=mk("10.255.255.1",24007,vol); t0=now(); errno=0; r=glfs_init(fs); e=errno; printf("glfs_init unroutable host 10.255.255.1 -> %d %s (%.1f ms)\n",r,EN(e),now()-t0); t0=now(); r=glfs_fini(fs); printf("  fini %d %.1f ms\n",r,now()-t0);
 fs=mk("no-such-host.invalid",24007,vol); t0=now(); errno=0; r=glfs_init(fs); e=errno; printf("glfs_init unresolvable host -> %d %s (%.1f ms)\n",r,EN(e),now()-t0); t0=now(); r=glfs_fini(fs); printf("  fini %d %.1f ms\n",r,now()-t0);
 }
 return 0; }
