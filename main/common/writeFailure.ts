// Why writing a file failed, in words a user can act on (the folder that is missing, permissions, a full
// disk), never an errno string or the name of the temporary file the write went through.
/** The reason a write into `folder` failed, as the end of a sentence. */
export const whyWriteFailed = (error: unknown, folder: string): string => {
  const code = (error as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'ENOENT':
      return `the folder ${folder} does not exist. Create it first, or choose another path`
    case 'ENOTDIR':
      return `${folder} is not a folder (a file stands in its path). Choose another path`
    case 'EACCES':
    case 'EPERM':
      return `you are not allowed to write in ${folder}. Check its permissions, or choose another path`
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk holding ${folder} is full`
    case 'EROFS':
      return `${folder} is on a read-only file system. Choose another path`
    default:
      return `the system refused it${code ? ` (${code})` : ''}`
  }
}
