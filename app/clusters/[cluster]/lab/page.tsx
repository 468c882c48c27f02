export { default, metadata } from '../../../lab/page';
