/** Today in Vietnam (a step taken after midnight there is dated the new day, whatever UTC says). */
export const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
