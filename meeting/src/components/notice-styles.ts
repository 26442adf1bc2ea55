// Messages inside a screen: what went wrong, what to watch out for, what went well (the shared notices).
export { noticeStyles } from '@sportello/web-common/base-styles';
